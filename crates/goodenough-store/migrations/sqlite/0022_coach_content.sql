-- A coach's own content (sqlite): programmes, communication scripts and
-- questionnaires uploaded as TOML, in the format of the shipped ones. The
-- application checks a file completely before it is kept; `body` is the
-- text as uploaded. `content_id` is the id inside the file (a script's
-- name): one per coach and kind. Erasing the coach's data removes them;
-- erasing the coach removes them by the foreign key. No person_id column:
-- content is the coach's practice material, not a record of their own life.
CREATE TABLE coach_content (
    id           TEXT PRIMARY KEY NOT NULL,
    coach_id     TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('programme', 'script', 'questionnaire')),
    content_id   TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX coach_content_id ON coach_content (coach_id, kind, content_id);
