-- A number per coach that changes whenever anything their roster is made of
-- changes: one of their links (made, ended, removed), a consent version of
-- one of those links, or the name of the coach or of a linked client. The
-- database keeps it, so a change made through any server or the CLI counts,
-- in the same transaction as the change. The coach's roster keeps its read
-- of links and consent while this number is unchanged (see goodenough-app's
-- cache); every request still reads the number first.
CREATE TABLE coach_links_versions (
    coach_id TEXT PRIMARY KEY NOT NULL,
    version  BIGINT NOT NULL
);

-- (Only for a coach who still exists: removing a person removes their links
-- too, and their number with them, below.)
CREATE FUNCTION coach_links_version_bump(coach TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO coach_links_versions (coach_id, version)
    SELECT coach, 1 WHERE EXISTS (SELECT 1 FROM persons WHERE id = coach)
    ON CONFLICT (coach_id) DO UPDATE SET version = coach_links_versions.version + 1;
$$;

CREATE FUNCTION coach_links_version_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM coach_links_version_bump(OLD.coach_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM coach_links_version_bump(NEW.coach_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER coach_links_version AFTER INSERT OR UPDATE OR DELETE ON coach_links
FOR EACH ROW EXECUTE FUNCTION coach_links_version_links();

CREATE FUNCTION coach_links_version_consent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM coach_links_version_bump(l.coach_id) FROM coach_links l WHERE l.id = OLD.link_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM coach_links_version_bump(l.coach_id) FROM coach_links l WHERE l.id = NEW.link_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER coach_links_version AFTER INSERT OR UPDATE OR DELETE ON consent_versions
FOR EACH ROW EXECUTE FUNCTION coach_links_version_consent();

CREATE FUNCTION coach_links_version_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM coach_links_version_bump(c.coach_id)
    FROM (SELECT DISTINCT coach_id FROM coach_links
          WHERE client_id = NEW.id OR coach_id = NEW.id ORDER BY coach_id) c;
    RETURN NULL;
END
$$;
CREATE TRIGGER coach_links_version AFTER UPDATE OF display_name ON persons
FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
EXECUTE FUNCTION coach_links_version_names();

CREATE FUNCTION coach_links_version_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM coach_links_versions WHERE coach_id = OLD.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER coach_links_version_gone AFTER DELETE ON persons
FOR EACH ROW EXECUTE FUNCTION coach_links_version_gone();
