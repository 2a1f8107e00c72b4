-- Accounts for the web app (postgres). Append-only: never edit a landed
-- migration; add a new file instead.
--
-- A person with an email has a login. The CLI's person (the first one) gets
-- one when the first account is created, so both act for the same records.

ALTER TABLE persons ADD COLUMN email TEXT;
ALTER TABLE persons ADD COLUMN password_hash TEXT;
ALTER TABLE persons ADD COLUMN role TEXT NOT NULL DEFAULT 'client';
ALTER TABLE persons ADD COLUMN totp_secret TEXT;
ALTER TABLE persons ADD COLUMN calendar_token TEXT;
CREATE UNIQUE INDEX persons_email ON persons (email);
CREATE UNIQUE INDEX persons_calendar_token ON persons (calendar_token);

-- Only a hash of each session token is kept; the token lives in the cookie.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    user_agent    TEXT,
    mfa_pending   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_person ON sessions (person_id);

-- Personal access tokens for the JSON API, stored hashed.
CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Failed sign-ins, keyed by a hash of email and address, for throttling.
CREATE TABLE login_attempts (
    key           TEXT NOT NULL,
    at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);
