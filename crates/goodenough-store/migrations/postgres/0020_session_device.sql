-- Sessions name a device, not a browser's header (PostgreSQL). Append-only: never
-- edit a landed migration; add a new file instead.
--
-- A short label made from the User-Agent at sign-in ("Firefox on Linux"),
-- shown on the Security page. The raw header is no longer kept: the column
-- that held it goes, and with it every header stored so far (those sessions
-- show "Unknown device").
ALTER TABLE sessions ADD COLUMN device TEXT;
ALTER TABLE sessions DROP COLUMN user_agent;
