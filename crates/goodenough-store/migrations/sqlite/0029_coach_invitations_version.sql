-- The coach's links version (0028) also moves when one of their invitations
-- is made, used or removed, so the roster keeps its read of the coach's open
-- invitations under the same number as their links and reads the number
-- once a request. (Whether an invitation has expired is decided when it is
-- shown, from the clock, not kept.)
CREATE TRIGGER coach_invitations_version_ins AFTER INSERT ON coach_invitations
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT NEW.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = NEW.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER coach_invitations_version_upd AFTER UPDATE ON coach_invitations
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT OLD.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = OLD.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
    INSERT INTO coach_links_versions (coach_id, version) SELECT NEW.coach_id, 1 WHERE NEW.coach_id IS NOT OLD.coach_id AND EXISTS (SELECT 1 FROM persons WHERE id = NEW.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER coach_invitations_version_del AFTER DELETE ON coach_invitations
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT OLD.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = OLD.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
