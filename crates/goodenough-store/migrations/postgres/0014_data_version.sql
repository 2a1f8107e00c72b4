-- A number per person that changes whenever any of their records or settings
-- change (PostgreSQL). The database keeps it, so a write from any server or
-- the CLI counts. Readers use it to reuse what they computed from the same
-- data (see goodenough-app's cache). Statement-level triggers with transition
-- tables: one bump per statement and person, so a bulk import of thousands of
-- rows updates the person's row once per statement, not once per row.
ALTER TABLE persons ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION persons_data_version_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.data_version = OLD.data_version THEN
        NEW.data_version := OLD.data_version + 1;
    END IF;
    RETURN NEW;
END
$$;

-- A change to the person's own row (settings), unless it is this counter.
CREATE TRIGGER persons_data_version BEFORE UPDATE ON persons
FOR EACH ROW EXECUTE FUNCTION persons_data_version_own();

-- Every trigger below names its transition table `changed`.
CREATE FUNCTION persons_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE persons SET data_version = data_version + 1
    WHERE id IN (SELECT DISTINCT person_id FROM changed);
    RETURN NULL;
END
$$;

-- checkins
CREATE TRIGGER checkins_data_version_ins AFTER INSERT ON checkins
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER checkins_data_version_upd AFTER UPDATE ON checkins
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER checkins_data_version_del AFTER DELETE ON checkins
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- thoughts
CREATE TRIGGER thoughts_data_version_ins AFTER INSERT ON thoughts
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER thoughts_data_version_upd AFTER UPDATE ON thoughts
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER thoughts_data_version_del AFTER DELETE ON thoughts
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- wins
CREATE TRIGGER wins_data_version_ins AFTER INSERT ON wins
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER wins_data_version_upd AFTER UPDATE ON wins
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER wins_data_version_del AFTER DELETE ON wins
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- setbacks
CREATE TRIGGER setbacks_data_version_ins AFTER INSERT ON setbacks
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER setbacks_data_version_upd AFTER UPDATE ON setbacks
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER setbacks_data_version_del AFTER DELETE ON setbacks
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- timeboxes
CREATE TRIGGER timeboxes_data_version_ins AFTER INSERT ON timeboxes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER timeboxes_data_version_upd AFTER UPDATE ON timeboxes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER timeboxes_data_version_del AFTER DELETE ON timeboxes
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- noes
CREATE TRIGGER noes_data_version_ins AFTER INSERT ON noes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER noes_data_version_upd AFTER UPDATE ON noes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER noes_data_version_del AFTER DELETE ON noes
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- delegations
CREATE TRIGGER delegations_data_version_ins AFTER INSERT ON delegations
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER delegations_data_version_upd AFTER UPDATE ON delegations
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER delegations_data_version_del AFTER DELETE ON delegations
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- mistakes
CREATE TRIGGER mistakes_data_version_ins AFTER INSERT ON mistakes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER mistakes_data_version_upd AFTER UPDATE ON mistakes
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER mistakes_data_version_del AFTER DELETE ON mistakes
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- ladder_rungs
CREATE TRIGGER ladder_rungs_data_version_ins AFTER INSERT ON ladder_rungs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER ladder_rungs_data_version_upd AFTER UPDATE ON ladder_rungs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER ladder_rungs_data_version_del AFTER DELETE ON ladder_rungs
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- experiments
CREATE TRIGGER experiments_data_version_ins AFTER INSERT ON experiments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER experiments_data_version_upd AFTER UPDATE ON experiments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER experiments_data_version_del AFTER DELETE ON experiments
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- git_commits
CREATE TRIGGER git_commits_data_version_ins AFTER INSERT ON git_commits
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER git_commits_data_version_upd AFTER UPDATE ON git_commits
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER git_commits_data_version_del AFTER DELETE ON git_commits
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- assessments
CREATE TRIGGER assessments_data_version_ins AFTER INSERT ON assessments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER assessments_data_version_upd AFTER UPDATE ON assessments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER assessments_data_version_del AFTER DELETE ON assessments
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- hobbies
CREATE TRIGGER hobbies_data_version_ins AFTER INSERT ON hobbies
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER hobbies_data_version_upd AFTER UPDATE ON hobbies
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER hobbies_data_version_del AFTER DELETE ON hobbies
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- blocks
CREATE TRIGGER blocks_data_version_ins AFTER INSERT ON blocks
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER blocks_data_version_upd AFTER UPDATE ON blocks
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER blocks_data_version_del AFTER DELETE ON blocks
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- block_occurrences
CREATE TRIGGER block_occurrences_data_version_ins AFTER INSERT ON block_occurrences
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER block_occurrences_data_version_upd AFTER UPDATE ON block_occurrences
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER block_occurrences_data_version_del AFTER DELETE ON block_occurrences
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- joy_logs
CREATE TRIGGER joy_logs_data_version_ins AFTER INSERT ON joy_logs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER joy_logs_data_version_upd AFTER UPDATE ON joy_logs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER joy_logs_data_version_del AFTER DELETE ON joy_logs
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- rests
CREATE TRIGGER rests_data_version_ins AFTER INSERT ON rests
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER rests_data_version_upd AFTER UPDATE ON rests
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER rests_data_version_del AFTER DELETE ON rests
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- critics
CREATE TRIGGER critics_data_version_ins AFTER INSERT ON critics
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER critics_data_version_upd AFTER UPDATE ON critics
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER critics_data_version_del AFTER DELETE ON critics
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- life_values
CREATE TRIGGER life_values_data_version_ins AFTER INSERT ON life_values
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER life_values_data_version_upd AFTER UPDATE ON life_values
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER life_values_data_version_del AFTER DELETE ON life_values
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- practice_logs
CREATE TRIGGER practice_logs_data_version_ins AFTER INSERT ON practice_logs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER practice_logs_data_version_upd AFTER UPDATE ON practice_logs
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER practice_logs_data_version_del AFTER DELETE ON practice_logs
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- enrolments
CREATE TRIGGER enrolments_data_version_ins AFTER INSERT ON enrolments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER enrolments_data_version_upd AFTER UPDATE ON enrolments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER enrolments_data_version_del AFTER DELETE ON enrolments
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- evidence
CREATE TRIGGER evidence_data_version_ins AFTER INSERT ON evidence
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER evidence_data_version_upd AFTER UPDATE ON evidence
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER evidence_data_version_del AFTER DELETE ON evidence
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
-- reviews
CREATE TRIGGER reviews_data_version_ins AFTER INSERT ON reviews
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER reviews_data_version_upd AFTER UPDATE ON reviews
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
CREATE TRIGGER reviews_data_version_del AFTER DELETE ON reviews
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump();
