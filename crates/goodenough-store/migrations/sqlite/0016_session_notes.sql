-- Session notes (SQLite): a coach's notes of one session with a client, each
-- private to the coach or shared with the client. Append-only.
--
-- No person_id column: the notes are the coach's writing about a client,
-- not the client's records. They go with the link (erasing either person
-- erases the link and with it the notes).
CREATE TABLE session_notes (
    id            TEXT PRIMARY KEY NOT NULL,
    link_id       TEXT NOT NULL REFERENCES coach_links(id) ON DELETE CASCADE,
    coach_id      TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    session_date  TEXT NOT NULL,
    agenda        TEXT NOT NULL,
    notes         TEXT NOT NULL,
    shared        INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX session_notes_client ON session_notes (client_id, session_date);
CREATE INDEX session_notes_link ON session_notes (link_id, session_date);
