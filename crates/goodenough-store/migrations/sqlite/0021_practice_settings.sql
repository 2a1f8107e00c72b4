-- The practice's own settings and the days Help now was shown (SQLite).
-- Append-only: never edit a landed migration; add a new file instead.

-- One row at most (id 1): the practice's name and the crisis resources of its
-- region (a JSON array of {name, contact, hours}), set by the operator and
-- shown before the shipped message wherever Help now appears.
CREATE TABLE practice_settings (
    id                INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    name              TEXT,
    crisis_resources  TEXT NOT NULL DEFAULT '[]',
    updated_at        TEXT NOT NULL
);

-- The local dates on which goodenough showed a person crisis resources after
-- something they wrote: the date only, never the text or which rule matched.
-- A coach sees them only where the client opted in (consent_versions'
-- crisis_dates). Like the practice tables, no person_id column: this is not
-- one of the person's records for the data version; erasing the person's
-- data deletes these rows (and the person's row takes them by foreign key).
CREATE TABLE crisis_shown (
    shown_to  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    shown_on  TEXT NOT NULL,
    PRIMARY KEY (shown_to, shown_on)
);
