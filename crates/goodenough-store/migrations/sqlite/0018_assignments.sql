-- Assignments (SQLite): a next step a coach gives a client, with a due date
-- and a note. It belongs to the link: ending the link keeps it (both can
-- still look back), erasing either person's data removes it with the link.
--
-- `kind` is one of the programme's exercise kinds (or 'free'); `detail`
-- narrows it (how many evenings, which questionnaire or script, the text
-- of a free step). `status` moves from 'open' to 'done' or 'not_for_me';
-- `closed_by` says whether the client marked it or the product saw the
-- matching thing done.
CREATE TABLE assignments (
    id            TEXT PRIMARY KEY NOT NULL,
    link_id       TEXT NOT NULL REFERENCES coach_links(id) ON DELETE CASCADE,
    coach_id      TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    detail        TEXT,
    note          TEXT NOT NULL,
    due           TEXT NOT NULL,
    assigned_at   TEXT NOT NULL,
    assigned_on   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'done', 'not_for_me')),
    reason        TEXT,
    closed_at     TEXT,
    closed_by     TEXT CHECK (closed_by IN ('client', 'product'))
);
CREATE INDEX assignments_client ON assignments (client_id, due);
CREATE INDEX assignments_link ON assignments (link_id, due);
