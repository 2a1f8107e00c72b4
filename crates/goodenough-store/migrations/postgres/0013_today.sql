-- "Today" reads only what the day needs (PostgreSQL).
-- Open experiments by planned day: only unrecorded ones are in the index.
CREATE INDEX experiments_open_due ON experiments (person_id, due) WHERE recorded_at IS NULL;
-- Whether an assessment window is done: one instrument, a few days.
CREATE INDEX assessments_person_instrument_date ON assessments (person_id, instrument, date);
