-- A client's data version (0014) also moves with what their coaches give
-- them: an assignment or a programme offer made, changed (done, declined,
-- accepted) or removed, and a new name of the coach who gave one (it is
-- shown beside them). The day at a glance keeps the client's assignments
-- and offers under that number, so their Today reads one row when nothing
-- changed (see goodenough-app's cache). Statement-level, as in 0014: each
-- trigger names its transition table `changed`.
CREATE FUNCTION persons_data_version_bump_clients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE persons SET data_version = data_version + 1
    WHERE id IN (SELECT DISTINCT client_id FROM changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER assignments_data_version_ins AFTER INSERT ON assignments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();
CREATE TRIGGER assignments_data_version_upd AFTER UPDATE ON assignments
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();
CREATE TRIGGER assignments_data_version_del AFTER DELETE ON assignments
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();

CREATE TRIGGER programme_offers_data_version_ins AFTER INSERT ON programme_offers
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();
CREATE TRIGGER programme_offers_data_version_upd AFTER UPDATE ON programme_offers
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();
CREATE TRIGGER programme_offers_data_version_del AFTER DELETE ON programme_offers
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION persons_data_version_bump_clients();

CREATE FUNCTION persons_data_version_coach_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE persons SET data_version = data_version + 1
    WHERE id <> NEW.id AND id IN (
        SELECT client_id FROM assignments WHERE coach_id = NEW.id
        UNION SELECT client_id FROM programme_offers WHERE coach_id = NEW.id
    );
    RETURN NULL;
END
$$;
CREATE TRIGGER persons_name_clients_data_version AFTER UPDATE OF display_name ON persons
FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
EXECUTE FUNCTION persons_data_version_coach_name();
