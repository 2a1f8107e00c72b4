-- The evidence log (SQLite): accomplishments and praise, each with what the
-- person puts it down to. Append-only.

CREATE TABLE evidence (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('accomplishment', 'praise')),
    text        TEXT NOT NULL,
    date        TEXT NOT NULL,
    source      TEXT,
    attribution TEXT NOT NULL CHECK (attribution IN ('luck', 'effort', 'help', 'ability')),
    logged_at   TEXT NOT NULL
);
CREATE INDEX evidence_person_date ON evidence (person_id, date);
