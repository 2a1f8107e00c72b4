-- Weekly reviews (SQLite): one per person per ISO week, the week's figures
-- as saved (JSON) beside the person's reflection. Append-only.

CREATE TABLE reviews (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    week          TEXT NOT NULL,
    week_start    TEXT NOT NULL,
    figures       TEXT NOT NULL,
    breakthroughs TEXT NOT NULL,
    setbacks      TEXT NOT NULL,
    celebrate     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (person_id, week_start)
);
