-- Bulk writes (an import, the demo seeding, `migrate --to`) bump a person's
-- data version once, at the end, instead of once per statement. Each bump is
-- a new version of the person's row, and inside one long transaction none of
-- them can be pruned: an import of a few thousand records used to leave the
-- `persons` table megabytes large with its live rows scattered over as many
-- pages, which every later read of a person paid for. A transaction that
-- sets `goodenough.bulk_writes` to 'on' (transaction-local) skips the
-- per-statement bump and bumps the person itself before it commits.
CREATE OR REPLACE FUNCTION persons_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('goodenough.bulk_writes', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE persons SET data_version = data_version + 1
    WHERE id IN (SELECT DISTINCT person_id FROM changed);
    RETURN NULL;
END
$$;
