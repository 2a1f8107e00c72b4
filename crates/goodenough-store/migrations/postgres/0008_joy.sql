-- Joy (postgres): hobbies, weekly personal-time blocks and whether each
-- occurrence was kept, minutes of joy, and rest.
-- Append-only: never edit a landed migration; add a new file instead.

CREATE TABLE hobbies (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    name        TEXT NOT NULL
);
CREATE INDEX hobbies_person ON hobbies (person_id, created_at);

CREATE TABLE blocks (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    title       TEXT NOT NULL,
    weekday     TEXT NOT NULL,
    start_time  TEXT NOT NULL,
    end_time    TEXT NOT NULL,
    hobby_id    TEXT,
    active      BOOLEAN NOT NULL
);
CREATE INDEX blocks_person ON blocks (person_id, created_at);

CREATE TABLE block_occurrences (
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    block_id    TEXT NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    date        DATE NOT NULL,
    kept        BOOLEAN NOT NULL,
    reason      TEXT,
    UNIQUE (block_id, date)
);
CREATE INDEX block_occurrences_person_date ON block_occurrences (person_id, date);

CREATE TABLE joy_logs (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    hobby_id    TEXT NOT NULL,
    hobby       TEXT NOT NULL,
    date        DATE NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0)
);
CREATE INDEX joy_logs_person_date ON joy_logs (person_id, date);

CREATE TABLE rests (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    from_date   DATE NOT NULL,
    to_date     DATE NOT NULL,
    kind        TEXT NOT NULL,
    guilt       INTEGER CHECK (guilt BETWEEN 0 AND 10)
);
CREATE INDEX rests_person_from ON rests (person_id, from_date);
