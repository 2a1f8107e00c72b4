-- Boundaries (PostgreSQL): saying no, delegations, blameless mistake reviews.
-- Append-only: never edit a landed migration; add a new file instead.

CREATE TABLE noes (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    request       TEXT NOT NULL,
    response      TEXT NOT NULL,
    guilt_before  INTEGER NOT NULL CHECK (guilt_before BETWEEN 0 AND 10),
    guilt_after   INTEGER CHECK (guilt_after BETWEEN 0 AND 10),
    outcome       TEXT
);
CREATE INDEX noes_person_date ON noes (person_id, date);

CREATE TABLE delegations (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    task          TEXT NOT NULL,
    delegated_to  TEXT NOT NULL,
    outcome       TEXT,
    fine          BOOLEAN
);
CREATE INDEX delegations_person_date ON delegations (person_id, date);

CREATE TABLE mistakes (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    date          DATE NOT NULL,
    what          TEXT NOT NULL,
    cost          TEXT NOT NULL,
    factors       TEXT,
    taught        TEXT NOT NULL,
    friend        TEXT NOT NULL,
    thought_id    TEXT
);
CREATE INDEX mistakes_person_date ON mistakes (person_id, date);
