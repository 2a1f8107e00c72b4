-- Weekly reviews (PostgreSQL): one per person per ISO week, the week's
-- figures as saved (JSON text) beside the person's reflection. Append-only.

CREATE TABLE reviews (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    week          TEXT NOT NULL,
    week_start    DATE NOT NULL,
    figures       TEXT NOT NULL,
    breakthroughs TEXT NOT NULL,
    setbacks      TEXT NOT NULL,
    celebrate     TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (person_id, week_start)
);
