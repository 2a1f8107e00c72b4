-- A number per person that changes whenever any of their records or settings
-- change (SQLite). The database keeps it, so a write from any process counts:
-- the web server and the CLI may share one file. Readers use it to reuse what
-- they computed from the same data (see goodenough-app's cache).
ALTER TABLE persons ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;

-- A change to the person's own row (settings), unless it is this counter.
CREATE TRIGGER persons_data_version AFTER UPDATE ON persons
WHEN NEW.data_version = OLD.data_version
BEGIN UPDATE persons SET data_version = OLD.data_version + 1 WHERE id = NEW.id; END;

-- checkins
CREATE TRIGGER checkins_data_version_ins AFTER INSERT ON checkins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER checkins_data_version_upd AFTER UPDATE ON checkins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER checkins_data_version_del AFTER DELETE ON checkins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- thoughts
CREATE TRIGGER thoughts_data_version_ins AFTER INSERT ON thoughts
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER thoughts_data_version_upd AFTER UPDATE ON thoughts
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER thoughts_data_version_del AFTER DELETE ON thoughts
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- wins
CREATE TRIGGER wins_data_version_ins AFTER INSERT ON wins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER wins_data_version_upd AFTER UPDATE ON wins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER wins_data_version_del AFTER DELETE ON wins
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- setbacks
CREATE TRIGGER setbacks_data_version_ins AFTER INSERT ON setbacks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER setbacks_data_version_upd AFTER UPDATE ON setbacks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER setbacks_data_version_del AFTER DELETE ON setbacks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- timeboxes
CREATE TRIGGER timeboxes_data_version_ins AFTER INSERT ON timeboxes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER timeboxes_data_version_upd AFTER UPDATE ON timeboxes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER timeboxes_data_version_del AFTER DELETE ON timeboxes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- noes
CREATE TRIGGER noes_data_version_ins AFTER INSERT ON noes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER noes_data_version_upd AFTER UPDATE ON noes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER noes_data_version_del AFTER DELETE ON noes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- delegations
CREATE TRIGGER delegations_data_version_ins AFTER INSERT ON delegations
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER delegations_data_version_upd AFTER UPDATE ON delegations
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER delegations_data_version_del AFTER DELETE ON delegations
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- mistakes
CREATE TRIGGER mistakes_data_version_ins AFTER INSERT ON mistakes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER mistakes_data_version_upd AFTER UPDATE ON mistakes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER mistakes_data_version_del AFTER DELETE ON mistakes
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- ladder_rungs
CREATE TRIGGER ladder_rungs_data_version_ins AFTER INSERT ON ladder_rungs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER ladder_rungs_data_version_upd AFTER UPDATE ON ladder_rungs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER ladder_rungs_data_version_del AFTER DELETE ON ladder_rungs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- experiments
CREATE TRIGGER experiments_data_version_ins AFTER INSERT ON experiments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER experiments_data_version_upd AFTER UPDATE ON experiments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER experiments_data_version_del AFTER DELETE ON experiments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- git_commits
CREATE TRIGGER git_commits_data_version_ins AFTER INSERT ON git_commits
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER git_commits_data_version_upd AFTER UPDATE ON git_commits
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER git_commits_data_version_del AFTER DELETE ON git_commits
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- assessments
CREATE TRIGGER assessments_data_version_ins AFTER INSERT ON assessments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER assessments_data_version_upd AFTER UPDATE ON assessments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER assessments_data_version_del AFTER DELETE ON assessments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- hobbies
CREATE TRIGGER hobbies_data_version_ins AFTER INSERT ON hobbies
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER hobbies_data_version_upd AFTER UPDATE ON hobbies
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER hobbies_data_version_del AFTER DELETE ON hobbies
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- blocks
CREATE TRIGGER blocks_data_version_ins AFTER INSERT ON blocks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER blocks_data_version_upd AFTER UPDATE ON blocks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER blocks_data_version_del AFTER DELETE ON blocks
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- block_occurrences
CREATE TRIGGER block_occurrences_data_version_ins AFTER INSERT ON block_occurrences
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER block_occurrences_data_version_upd AFTER UPDATE ON block_occurrences
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER block_occurrences_data_version_del AFTER DELETE ON block_occurrences
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- joy_logs
CREATE TRIGGER joy_logs_data_version_ins AFTER INSERT ON joy_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER joy_logs_data_version_upd AFTER UPDATE ON joy_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER joy_logs_data_version_del AFTER DELETE ON joy_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- rests
CREATE TRIGGER rests_data_version_ins AFTER INSERT ON rests
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER rests_data_version_upd AFTER UPDATE ON rests
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER rests_data_version_del AFTER DELETE ON rests
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- critics
CREATE TRIGGER critics_data_version_ins AFTER INSERT ON critics
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER critics_data_version_upd AFTER UPDATE ON critics
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER critics_data_version_del AFTER DELETE ON critics
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- life_values
CREATE TRIGGER life_values_data_version_ins AFTER INSERT ON life_values
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER life_values_data_version_upd AFTER UPDATE ON life_values
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER life_values_data_version_del AFTER DELETE ON life_values
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- practice_logs
CREATE TRIGGER practice_logs_data_version_ins AFTER INSERT ON practice_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER practice_logs_data_version_upd AFTER UPDATE ON practice_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER practice_logs_data_version_del AFTER DELETE ON practice_logs
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- enrolments
CREATE TRIGGER enrolments_data_version_ins AFTER INSERT ON enrolments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER enrolments_data_version_upd AFTER UPDATE ON enrolments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER enrolments_data_version_del AFTER DELETE ON enrolments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- evidence
CREATE TRIGGER evidence_data_version_ins AFTER INSERT ON evidence
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER evidence_data_version_upd AFTER UPDATE ON evidence
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER evidence_data_version_del AFTER DELETE ON evidence
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
-- reviews
CREATE TRIGGER reviews_data_version_ins AFTER INSERT ON reviews
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER reviews_data_version_upd AFTER UPDATE ON reviews
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.person_id; END;
CREATE TRIGGER reviews_data_version_del AFTER DELETE ON reviews
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.person_id; END;
