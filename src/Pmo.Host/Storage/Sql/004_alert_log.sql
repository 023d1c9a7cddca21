-- Pmo.Grains schema, step 4: the alert log (CONTRACT.md "Alerts"), append-only, one row per entry.
-- Not grain state: grain state is rewritten whole on every save, a log only grows.
CREATE TABLE IF NOT EXISTS pmo_alert_log
(
    seq   bigint PRIMARY KEY,
    entry jsonb  NOT NULL
);
