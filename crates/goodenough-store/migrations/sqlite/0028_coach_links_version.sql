-- A number per coach that changes whenever anything their roster is made of
-- changes: one of their links (made, ended, removed), a consent version of
-- one of those links, or the name of the coach or of a linked client. The
-- database keeps it, so a change made by any process (the server or the
-- CLI) counts, in the same transaction as the change. The coach's roster
-- keeps its read of links and consent while this number is unchanged (see
-- goodenough-app's cache); every request still reads the number first.
CREATE TABLE coach_links_versions (
    coach_id TEXT PRIMARY KEY NOT NULL,
    version  INTEGER NOT NULL
);

CREATE TRIGGER coach_links_version_ins AFTER INSERT ON coach_links
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT NEW.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = NEW.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER coach_links_version_upd AFTER UPDATE ON coach_links
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT OLD.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = OLD.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
    INSERT INTO coach_links_versions (coach_id, version) SELECT NEW.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = NEW.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER coach_links_version_del AFTER DELETE ON coach_links
BEGIN
    INSERT INTO coach_links_versions (coach_id, version) SELECT OLD.coach_id, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = OLD.coach_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER consent_versions_version_ins AFTER INSERT ON consent_versions
BEGIN
    INSERT INTO coach_links_versions (coach_id, version)
    SELECT coach_id, 1 FROM coach_links WHERE coach_id IN (SELECT id FROM persons) AND id = NEW.link_id
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER consent_versions_version_upd AFTER UPDATE ON consent_versions
BEGIN
    INSERT INTO coach_links_versions (coach_id, version)
    SELECT coach_id, 1 FROM coach_links WHERE coach_id IN (SELECT id FROM persons) AND id IN (OLD.link_id, NEW.link_id)
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER consent_versions_version_del AFTER DELETE ON consent_versions
BEGIN
    INSERT INTO coach_links_versions (coach_id, version)
    SELECT coach_id, 1 FROM coach_links WHERE coach_id IN (SELECT id FROM persons) AND id = OLD.link_id
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER persons_coach_links_version AFTER UPDATE OF display_name ON persons
WHEN OLD.display_name IS NOT NEW.display_name
BEGIN
    INSERT INTO coach_links_versions (coach_id, version)
    SELECT DISTINCT coach_id, 1 FROM coach_links
    WHERE client_id = NEW.id OR coach_id = NEW.id
    ON CONFLICT (coach_id) DO UPDATE SET version = version + 1;
END;

-- Removing a person removes their number (after their links: a link removed
-- with its coach bumps nobody, as the coach no longer exists).
CREATE TRIGGER persons_coach_links_version_gone AFTER DELETE ON persons
BEGIN
    DELETE FROM coach_links_versions WHERE coach_id = OLD.id;
END;
