-- goodenough foundation schema (PostgreSQL). Append-only: never edit a landed
-- migration; add a new file instead.

CREATE TABLE persons (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    display_name  TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    work_start    TEXT NOT NULL,
    work_end      TEXT NOT NULL,
    work_days     TEXT NOT NULL,
    reminder_time TEXT NOT NULL
);

CREATE TABLE checkins (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    date          DATE NOT NULL,
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),
    energy        INTEGER NOT NULL CHECK (energy BETWEEN 0 AND 10),
    appreciations TEXT NOT NULL,
    note          TEXT,
    UNIQUE (person_id, date)
);

CREATE TABLE thoughts (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    situation     TEXT NOT NULL,
    thought       TEXT NOT NULL,
    belief        INTEGER NOT NULL CHECK (belief BETWEEN 0 AND 100),
    emotions      TEXT NOT NULL,
    traps         TEXT NOT NULL,
    reframe       TEXT,
    belief_after  INTEGER CHECK (belief_after BETWEEN 0 AND 100)
);
CREATE INDEX thoughts_person_date ON thoughts (person_id, date);

CREATE TABLE wins (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    text          TEXT NOT NULL
);
CREATE INDEX wins_person_date ON wins (person_id, date);

CREATE TABLE setbacks (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    text          TEXT NOT NULL,
    lesson        TEXT
);
CREATE INDEX setbacks_person_date ON setbacks (person_id, date);
