-- Completed questionnaires (sqlite). Append-only.
-- answers, subscales and notes are JSON text (item id → value / score / words).

CREATE TABLE assessments (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    instrument  TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    date        TEXT NOT NULL,
    answers     TEXT NOT NULL,
    total       REAL NOT NULL,
    subscales   TEXT NOT NULL,
    notes       TEXT NOT NULL
);
-- History of one instrument, oldest first.
CREATE INDEX assessments_person_instrument ON assessments (person_id, instrument, taken_at);
