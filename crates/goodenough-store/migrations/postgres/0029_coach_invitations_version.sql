-- The coach's links version (0028) also moves when one of their invitations
-- is made, used or removed, so the roster keeps its read of the coach's open
-- invitations under the same number as their links and reads the number
-- once a request. (Whether an invitation has expired is decided when it is
-- shown, from the clock, not kept.)
CREATE FUNCTION coach_links_version_invitations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM coach_links_version_bump(OLD.coach_id);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.coach_id IS DISTINCT FROM OLD.coach_id THEN
        PERFORM coach_links_version_bump(NEW.coach_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER coach_links_version AFTER INSERT OR UPDATE OR DELETE ON coach_invitations
FOR EACH ROW EXECUTE FUNCTION coach_links_version_invitations();
