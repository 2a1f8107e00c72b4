-- Overwork signals from the person's own git history (PostgreSQL). Append-only.
--
-- Only the commit id and the instant it was authored are kept: never the
-- message, the files or the repository path. The primary key makes a rescan
-- add nothing (inserts use ON CONFLICT DO NOTHING); weeks and working-hour
-- shares are computed when read, from the person's current settings.

CREATE TABLE git_commits (
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    authored_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, hash)
);
CREATE INDEX git_commits_person_at ON git_commits (person_id, authored_at);
