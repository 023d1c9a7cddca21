-- Pmo.Grains schema, step 3: grain state for Microsoft.Orleans.Persistence.AdoNet 10.x.
-- The provider identifies a state by hashes of the grain id and type plus the id's parts, and
-- guards every write with the version it last read (optimistic concurrency): a write or clear that
-- carries a stale version changes nothing and returns the old version, which Orleans reports as an
-- InconsistentStateException. Pmo writes state as System.Text.Json into payloadbinary.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL,
    version                integer      NULL
);

-- One row per grain state: two activations racing to write a new state cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleansstorage
    (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, COALESCE(grainidextensionstring, ''));

CREATE OR REPLACE FUNCTION pmo_write_state(
    p_idhash integer, p_n0 bigint, p_n1 bigint, p_typehash integer, p_type varchar, p_ext varchar,
    p_service varchar, p_version integer, p_payload bytea)
RETURNS TABLE (newgrainstateversion integer) LANGUAGE plpgsql AS $$
DECLARE changed integer := 0;
BEGIN
    IF p_version IS NOT NULL THEN
        UPDATE orleansstorage s
           SET payloadbinary = p_payload, modifiedon = now(), version = s.version + 1
         WHERE s.grainidhash = p_idhash AND s.graintypehash = p_typehash AND s.grainidn0 = p_n0 AND s.grainidn1 = p_n1
           AND s.graintypestring = p_type AND s.serviceid = p_service AND s.grainidextensionstring IS NOT DISTINCT FROM p_ext
           AND s.version = p_version;
        GET DIAGNOSTICS changed = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN changed > 0 THEN p_version + 1 ELSE p_version END;
        RETURN;
    END IF;
    -- Never read, so never written: insert unless another activation got there first.
    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
         serviceid, payloadbinary, modifiedon, version)
    VALUES (p_idhash, p_n0, p_n1, p_typehash, p_type, p_ext, p_service, p_payload, now(), 1)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN QUERY SELECT CASE WHEN changed > 0 THEN 1 ELSE NULL END;
END $$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('WriteToStorageKey',
 'SELECT newgrainstateversion AS NewGrainStateVersion
    FROM pmo_write_state(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                         @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);'),
('ReadFromStorageKey',
 'SELECT s.payloadbinary AS PayloadBinary, now() AS ModifiedOn, s.version AS Version
    FROM orleansstorage s
   WHERE s.grainidhash = @GrainIdHash AND s.graintypehash = @GrainTypeHash AND s.grainidn0 = @GrainIdN0 AND s.grainidn1 = @GrainIdN1
     AND s.graintypestring = @GrainTypeString AND s.serviceid = @ServiceId
     AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;'),
('ClearStorageKey',
 'UPDATE orleansstorage s
     SET payloadbinary = NULL, modifiedon = now(), version = s.version + 1
   WHERE s.grainidhash = @GrainIdHash AND s.graintypehash = @GrainTypeHash AND s.grainidn0 = @GrainIdN0 AND s.grainidn1 = @GrainIdN1
     AND s.graintypestring = @GrainTypeString AND s.serviceid = @ServiceId
     AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
     AND s.version = @GrainStateVersion
  RETURNING s.version AS NewGrainStateVersion;'),
('DeleteStorageKey',
 'DELETE FROM orleansstorage s
   WHERE s.grainidhash = @GrainIdHash AND s.graintypehash = @GrainTypeHash AND s.grainidn0 = @GrainIdN0 AND s.grainidn1 = @GrainIdN1
     AND s.graintypestring = @GrainTypeString AND s.serviceid = @ServiceId
     AND s.grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
     AND s.version = @GrainStateVersion
  RETURNING s.version + 1 AS NewGrainStateVersion;')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
