-- Programme enrolments (postgres). Append-only: never edit a landed migration.
-- A person runs at most one programme at a time (stopped_on IS NULL).

CREATE TABLE enrolments (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    programme_id  TEXT NOT NULL,
    started_on    DATE NOT NULL,
    stopped_on    DATE,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX enrolments_person ON enrolments (person_id, started_on);
CREATE UNIQUE INDEX enrolments_one_running ON enrolments (person_id) WHERE stopped_on IS NULL;
