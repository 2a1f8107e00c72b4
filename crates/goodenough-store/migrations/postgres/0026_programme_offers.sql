-- Programme offers (postgres): a coach offers one of their own programmes to a
-- client; the client accepts (it starts like a shipped programme) or
-- declines. `body` is a copy of the programme's TOML as it was when
-- offered, so the client runs exactly what they accepted even if the coach
-- later changes or removes their file. An accepted offer is the client's
-- copy of the programme: their enrolment names its `programme_id`.
--
-- `status` moves once, from 'offered' to 'accepted' or 'declined'.
-- Erasing either person's data removes the offers between them (and the
-- foreign keys do the same when a person is removed).
CREATE TABLE programme_offers (
    id            TEXT PRIMARY KEY NOT NULL,
    coach_id      TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    client_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    programme_id  TEXT NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    note          TEXT NOT NULL,
    offered_at    TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined')),
    reason        TEXT,
    decided_at    TIMESTAMPTZ
);
CREATE INDEX programme_offers_client ON programme_offers (client_id, programme_id);
CREATE INDEX programme_offers_coach ON programme_offers (coach_id, client_id);
