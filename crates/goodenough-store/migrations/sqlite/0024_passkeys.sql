-- Passkeys (WebAuthn), SQLite. Append-only: never edit a landed migration;
-- add a new file instead.
--
-- A person's passkeys: a name they chose, when it was added and last used,
-- and the credential as webauthn-rs serialises it (public key, credential
-- id, signature counter: nothing secret, but nothing a person reads either).
-- `credential_id` (base64url) is unique across all accounts: one passkey
-- belongs to one account.
CREATE TABLE passkeys (
    id             TEXT PRIMARY KEY NOT NULL,
    person_id      TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    credential_id  TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    passkey        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_used_at   TEXT
);
CREATE INDEX passkeys_person ON passkeys (person_id, created_at);

-- A passkey ceremony between its start and its finish: the challenge and
-- what webauthn-rs needs to check the answer. Kept in the database (not in
-- a server's memory) so that any server on the same store can finish what
-- another started. Found by the hash of a random id given to the browser,
-- taken (deleted) once when finished, so an answer cannot be replayed, and
-- refused after `expires_at`. `person_id` is the person it is for (adding
-- a passkey, the second step of a sign-in); empty for a sign-in where the
-- passkey says who it is.
CREATE TABLE passkey_ceremonies (
    id_hash     TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    person_id   TEXT REFERENCES persons(id) ON DELETE CASCADE,
    state       TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX passkey_ceremonies_expiry ON passkey_ceremonies (expires_at);
