-- The second factor, hardened (PostgreSQL). Append-only: never edit a landed
-- migration; add a new file instead.
--
-- The newest TOTP time step (Unix time / 30 s) accepted for each account: a
-- code of that step or an older one is refused, so a code works once.
-- Dropped with the secret (turning two-step sign-in off or on again).
CREATE TABLE totp_steps (
    person_id  TEXT PRIMARY KEY NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    last_step  BIGINT NOT NULL
);
