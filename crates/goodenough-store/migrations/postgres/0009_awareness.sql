-- Awareness (PostgreSQL): the inner critic profile (one per person), values and
-- roles beyond work, and the practice log. Append-only.
--
-- The critic's phrases are a small list kept as JSON text.

CREATE TABLE critics (
    person_id   TEXT PRIMARY KEY NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    says        TEXT NOT NULL,
    learned     TEXT,
    protects    TEXT,
    kind_answer TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE life_values (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    practice    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX life_values_person ON life_values (person_id, created_at);

CREATE TABLE practice_logs (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    practice    TEXT NOT NULL,
    date        DATE NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    logged_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX practice_logs_person_date ON practice_logs (person_id, date);
