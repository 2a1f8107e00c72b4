-- The coaching practice (SQLite): a coach invites, a client accepts, and the
-- client decides per category what the coach may read. Append-only.
--
-- None of these tables has a person_id column: they are about two people, and
-- a change here is not a change to anyone's records (their data version).

-- A one-time invitation. Only a hash of the link's secret is kept.
CREATE TABLE coach_invitations (
    id          TEXT PRIMARY KEY NOT NULL,
    coach_id    TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    email       TEXT,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    used_by     TEXT
);
CREATE INDEX coach_invitations_coach ON coach_invitations (coach_id);

-- A coach and a client. At most one live link per pair; an ended link stays
-- (with its consent history) until either person's data is erased.
CREATE TABLE coach_links (
    id          TEXT PRIMARY KEY NOT NULL,
    coach_id    TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    client_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    ended_by    TEXT
);
CREATE UNIQUE INDEX coach_links_live ON coach_links (coach_id, client_id) WHERE ended_at IS NULL;
CREATE INDEX coach_links_client ON coach_links (client_id);

-- Every change of what a client shares with one coach is a new version; the
-- highest version is in force. `shared` is a JSON object: category -> the
-- first date shared (or null for all dates). Version 1 shares nothing.
CREATE TABLE consent_versions (
    link_id       TEXT NOT NULL REFERENCES coach_links(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    changed_at    TEXT NOT NULL,
    shared        TEXT NOT NULL,
    crisis_dates  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, version)
);

-- Every coach read or write of a client's data, allowed or refused, written
-- by the access check before the read. The client's own record: it goes
-- when the client's data is erased. The coach's name is kept as it was, so
-- the log still reads after the coach's account is gone.
CREATE TABLE access_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    coach_id    TEXT NOT NULL,
    coach_name  TEXT NOT NULL,
    at          TEXT NOT NULL,
    category    TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    allowed     INTEGER NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, seq);
CREATE INDEX access_log_coach ON access_log (coach_id, seq);
