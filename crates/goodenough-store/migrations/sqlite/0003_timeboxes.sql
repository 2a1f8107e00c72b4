-- Timeboxes (SQLite). Append-only: never edit a landed migration; add a new
-- file instead.
--
-- Extensions and revisions are small lists kept as JSON text with the box.
-- At most one running box (ended_at IS NULL) per person: the partial unique
-- index makes two processes starting a box at once end with exactly one.

CREATE TABLE timeboxes (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    limit_minutes INTEGER NOT NULL CHECK (limit_minutes > 0),
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    extensions    TEXT NOT NULL,
    revisions     TEXT NOT NULL,
    rechecks      INTEGER NOT NULL DEFAULT 0 CHECK (rechecks >= 0),
    outcome       TEXT CHECK (outcome IN ('shipped', 'extended', 'dropped'))
);
CREATE INDEX timeboxes_person_started ON timeboxes (person_id, started_at);
CREATE UNIQUE INDEX timeboxes_one_running ON timeboxes (person_id) WHERE ended_at IS NULL;
