-- The second factor, hardened (SQLite). Append-only: never edit a landed
-- migration; add a new file instead.
--
-- The newest TOTP time step (Unix time / 30 s) accepted for each account: a
-- code of that step or an older one is refused, so a code works once.
-- Dropped with the secret (turning two-step sign-in off or on again).
CREATE TABLE totp_steps (
    person_id  TEXT PRIMARY KEY NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    last_step  INTEGER NOT NULL
);

-- Ten one-time recovery codes per account with two-step sign-in, each
-- usable once in place of the app's code. Only a SHA-256 of each code is
-- kept (they are long and random, so no salt or slow hash is needed).
-- Making new ones replaces every old one; turning two-step sign-in off or
-- on again drops them.
CREATE TABLE recovery_codes (
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    used_at     TEXT,
    PRIMARY KEY (person_id, code_hash)
);
