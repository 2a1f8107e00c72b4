-- A client's data version (0014) also moves with what their coaches give
-- them: an assignment or a programme offer made, changed (done, declined,
-- accepted) or removed, and a new name of the coach who gave one (it is
-- shown beside them). The day at a glance keeps the client's assignments
-- and offers under that number, so their Today reads one row when nothing
-- changed (see goodenough-app's cache).
CREATE TRIGGER assignments_data_version_ins AFTER INSERT ON assignments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.client_id; END;
CREATE TRIGGER assignments_data_version_upd AFTER UPDATE ON assignments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER assignments_data_version_del AFTER DELETE ON assignments
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.client_id; END;

CREATE TRIGGER programme_offers_data_version_ins AFTER INSERT ON programme_offers
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = NEW.client_id; END;
CREATE TRIGGER programme_offers_data_version_upd AFTER UPDATE ON programme_offers
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id IN (OLD.client_id, NEW.client_id); END;
CREATE TRIGGER programme_offers_data_version_del AFTER DELETE ON programme_offers
BEGIN UPDATE persons SET data_version = data_version + 1 WHERE id = OLD.client_id; END;

CREATE TRIGGER persons_name_clients_data_version AFTER UPDATE OF display_name ON persons
WHEN OLD.display_name IS NOT NEW.display_name
BEGIN
    UPDATE persons SET data_version = data_version + 1
    WHERE id <> NEW.id AND id IN (
        SELECT client_id FROM assignments WHERE coach_id = NEW.id
        UNION SELECT client_id FROM programme_offers WHERE coach_id = NEW.id
    );
END;
