-- Web Push reminders, SQLite. Append-only: never edit a landed
-- migration; add a new file instead.
--
-- The server's VAPID key pair (RFC 8292), made on first start: one row, so
-- every server on one store signs with the same key and a browser's
-- subscription works whichever server sends. Both halves base64url; the
-- private one never leaves the server.
CREATE TABLE push_vapid (
    id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    private_key  TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- A device that asked for reminders: the push service's address for it and
-- the keys its messages are encrypted to (RFC 8291). One row per endpoint;
-- removed when the person turns reminders off there or when the push
-- service answers that it is gone (404 or 410).
CREATE TABLE push_subscriptions (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    endpoint      TEXT NOT NULL UNIQUE,
    p256dh        TEXT NOT NULL,
    auth          TEXT NOT NULL,
    device        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_sent_at  TEXT
);
CREATE INDEX push_subscriptions_person ON push_subscriptions (person_id, created_at);

-- Reminders sent, one per person, kind and local day. A server inserts the
-- row first and sends only when its insert made it, so with several
-- servers on one database each reminder goes out once.
CREATE TABLE push_sent (
    person_id  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    day        TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, day)
);
