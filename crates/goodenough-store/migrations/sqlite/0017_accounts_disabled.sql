-- The operator's side of accounts (SQLite). Append-only: never edit a landed
-- migration; add a new file instead.
--
-- A disabled account keeps its records but cannot sign in, and no session
-- or access token of it is accepted. NULL means active.
ALTER TABLE persons ADD COLUMN disabled_at TEXT;

-- One-time password-reset links. Only a hash of the link's secret is kept.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX password_resets_person ON password_resets (person_id);
