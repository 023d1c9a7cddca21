-- Pmo.Grains schema, step 7: grain state in a table of the project's own, written by Pmo.Host's
-- PostgresGrainStorage, which sends many grains' reads and writes in one round trip and one commit
-- (the ADO.NET provider runs one statement and one commit per write). One row per grain state, named
-- as Orleans names it and kept as written: service (cluster) id, grain type ("pmo-project"), key
-- ("p-001", not the same row as "P-001": collation "C" compares bytes), state name ("project").
-- version guards every write: a writer sends the version it read, and the row changes only if it still
-- holds. A cleared state keeps its row with a NULL payload and a newer version (a tombstone), so a
-- writer that read the state before the clear cannot write over it. The payload is the state as
-- System.Text.Json in UTF-8 (convert_from(payload, 'UTF8')::jsonb reads it); bytea rather than jsonb
-- spares the server a parse of every write. Fillfactor leaves room on each page so that an update
-- can stay on its page (HOT) and the primary key is not touched.
CREATE TABLE IF NOT EXISTS pmo_grain_state
(
    service_id  text COLLATE "C" NOT NULL,
    grain_type  text COLLATE "C" NOT NULL,
    grain_key   text COLLATE "C" NOT NULL,
    state_name  text COLLATE "C" NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_key, state_name)
) WITH (fillfactor = 80);

-- A database written before this step keeps its state: the ADO.NET provider's rows are copied once.
-- That table names a state by its state name only (graintypestring) and the key Pmo gave it ("pmo:" +
-- the grain's key, ThrottledGrainStorage in builds before this step); Pmo's state names are pinned and each
-- belongs to one grain type, so the grain type follows from it. Rows without the prefix were never
-- read by a released build. orleansstorage itself stays (unused) for a rollback.
INSERT INTO pmo_grain_state (service_id, grain_type, grain_key, state_name, version, payload, modified_at)
SELECT s.serviceid,
       CASE s.graintypestring
           WHEN 'project' THEN 'pmo-project'
           WHEN 'resource' THEN 'pmo-resource'
           WHEN 'portfolio' THEN 'pmo-portfolio'
           WHEN 'enterprise' THEN 'pmo-enterprise'
           WHEN 'enterprise-journal' THEN 'pmo-enterprise'
           WHEN 'alert-log' THEN 'pmo-alert-log'
       END,
       substr(s.grainidextensionstring, 5), s.graintypestring, s.version, s.payloadbinary, s.modifiedon
  FROM orleansstorage s
 WHERE s.grainidextensionstring LIKE 'pmo:%' AND s.version IS NOT NULL
   AND s.graintypestring IN ('project', 'resource', 'portfolio', 'enterprise', 'enterprise-journal', 'alert-log')
ON CONFLICT DO NOTHING;
