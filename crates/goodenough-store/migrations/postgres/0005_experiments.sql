-- Exposure ladder and behavioural experiments (PostgreSQL). Append-only.

CREATE TABLE ladder_rungs (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    action      TEXT NOT NULL,
    distress    INTEGER NOT NULL CHECK (distress BETWEEN 0 AND 100),
    done_on     DATE
);
CREATE INDEX ladder_rungs_person ON ladder_rungs (person_id, distress);

CREATE TABLE experiments (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    belief        TEXT NOT NULL,
    prediction    TEXT NOT NULL,
    likelihood    INTEGER NOT NULL CHECK (likelihood BETWEEN 0 AND 100),
    anxiety       INTEGER NOT NULL CHECK (anxiety BETWEEN 0 AND 100),
    rung_id       TEXT REFERENCES ladder_rungs(id) ON DELETE SET NULL,
    due           DATE,
    -- The "after" half: NULL until recorded, written once.
    recorded_at   TIMESTAMPTZ,
    recorded_on   DATE,
    happened      TEXT CHECK (happened IN ('yes', 'partly', 'no')),
    actual        TEXT,
    anxiety_after INTEGER CHECK (anxiety_after BETWEEN 0 AND 100),
    learned       TEXT,
    belief_after  INTEGER CHECK (belief_after BETWEEN 0 AND 100)
);
CREATE INDEX experiments_person_date ON experiments (person_id, date);
-- Calibration reads only the window asked for.
CREATE INDEX experiments_person_recorded ON experiments (person_id, recorded_on);
