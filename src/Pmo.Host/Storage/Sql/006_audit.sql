-- Pmo.Grains schema, step 6: the audit (CONTRACT.md "Who may see and change what"), append-only:
-- one row per command request, accepted or refused. Rows are only ever inserted; seq is given by the
-- writer under a table lock so that a reader paging by seq never skips a row committed late.
CREATE TABLE IF NOT EXISTS pmo_audit
(
    seq       bigint PRIMARY KEY,
    at        timestamptz NOT NULL,
    sub       text,
    roles     text[]      NOT NULL,
    action    text        NOT NULL,
    target    text        NOT NULL,
    status    integer     NOT NULL,
    change_id text
);
