-- The coaching practice (PostgreSQL): a coach invites, a client accepts, and the
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
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    used_by     TEXT
);
CREATE INDEX coach_invitations_coach ON coach_invitations (coach_id);

-- A coach and a client. At most one live link per pair; an ended link stays
-- (with its consent history) until either person's data is erased.
CREATE TABLE coach_links (
    id          TEXT PRIMARY KEY NOT NULL,
    coach_id    TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    client_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    started_at  TIMESTAMPTZ NOT NULL,
    ended_at    TIMESTAMPTZ,
    ended_by    TEXT
);
CREATE UNIQUE INDEX coach_links_live ON coach_links (coach_id, client_id) WHERE ended_at IS NULL;
CREATE INDEX coach_links_client ON coach_links (client_id);

-- Every change of what a client shares with one coach is a new version; the
-- highest version is in force. `shared` is a JSON object: category -> the
-- first date shared (or null for all dates). Version 1 shares nothing.
CREATE TABLE consent_versions (
    link_id       TEXT NOT NULL REFERENCES coach_links(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    shared        TEXT NOT NULL,
    crisis_dates  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (link_id, version)
);

-- Every coach read or write of a client's data, allowed or refused, written
-- by the access check before the read. The client's own record: it goes
-- when the client's data is erased. The coach's name is kept as it was, so
-- the log still reads after the coach's account is gone.
CREATE TABLE access_log (
    seq         BIGSERIAL PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    coach_id    TEXT NOT NULL,
    coach_name  TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    category    TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    allowed     BOOLEAN NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, seq);
CREATE INDEX access_log_coach ON access_log (coach_id, seq);
