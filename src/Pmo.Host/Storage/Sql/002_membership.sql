-- Pmo.Grains schema, step 2: cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.x.
-- One version row per cluster (deployment); every membership change bumps it, and a write that
-- carries a stale version changes nothing, which is how Orleans serialises membership updates.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    "timestamp"  timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Bumps the cluster's version when the caller saw the current one; 1 when it did, 0 otherwise.
CREATE OR REPLACE FUNCTION pmo_bump_membership_version(p_deployment varchar, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE bumped integer;
BEGIN
    UPDATE orleansmembershipversiontable
       SET "timestamp" = now(), version = version + 1
     WHERE deploymentid = p_deployment AND version = p_version AND version < 2147483647;
    GET DIAGNOSTICS bumped = ROW_COUNT;
    RETURN bumped;
END $$;

CREATE OR REPLACE FUNCTION pmo_insert_membership_version(p_deployment varchar)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE inserted integer;
BEGIN
    INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (p_deployment)
    ON CONFLICT (deploymentid) DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    RETURN QUERY SELECT inserted;
END $$;

-- A silo joins: only together with a version bump, so that two silos racing see one winner.
CREATE OR REPLACE FUNCTION pmo_insert_membership(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo varchar, p_host varchar, p_status integer, p_proxy integer,
    p_start timestamptz, p_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE done integer := 0;
BEGIN
    IF pmo_bump_membership_version(p_deployment, p_version) = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo, p_host, p_status, p_proxy, p_start, p_alive)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
    GET DIAGNOSTICS done = ROW_COUNT;
    IF done = 0 THEN
        -- Already there: undo the bump by failing the statement's own transaction.
        RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'unique_violation';
    END IF;
    RETURN QUERY SELECT done;
EXCEPTION WHEN unique_violation THEN
    RETURN QUERY SELECT 0;
END $$;

-- A silo's status or suspicions change: again only together with a version bump.
CREATE OR REPLACE FUNCTION pmo_update_membership(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspects varchar, p_alive timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE done integer := 0;
BEGIN
    IF pmo_bump_membership_version(p_deployment, p_version) = 0 THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;
    UPDATE orleansmembershiptable
       SET status = p_status, suspecttimes = p_suspects, iamalivetime = GREATEST(iamalivetime, p_alive)
     WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    GET DIAGNOSTICS done = ROW_COUNT;
    IF done = 0 THEN
        RAISE EXCEPTION 'no membership row' USING ERRCODE = 'no_data_found';
    END IF;
    RETURN QUERY SELECT done;
EXCEPTION WHEN no_data_found THEN
    RETURN QUERY SELECT 0;
END $$;

-- Heartbeat: never moves backwards, needs no version.
CREATE OR REPLACE FUNCTION pmo_update_i_am_alive(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_alive timestamptz)
RETURNS void LANGUAGE sql AS $$
    UPDATE orleansmembershiptable
       SET iamalivetime = GREATEST(iamalivetime, p_alive)
     WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey',
 'SELECT row_count FROM pmo_insert_membership_version(@DeploymentId);'),
('InsertMembershipKey',
 'SELECT row_count FROM pmo_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey',
 'SELECT row_count FROM pmo_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey',
 'SELECT pmo_update_i_am_alive(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);'),
('MembershipReadRowKey',
 'SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
         m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
         m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime, v.version AS Version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m
      ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
   WHERE v.deploymentid = @DeploymentId;'),
('MembershipReadAllKey',
 'SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
         m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
         m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime, v.version AS Version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
   WHERE v.deploymentid = @DeploymentId;'),
('GatewaysQueryKey',
 'SELECT address AS Address, proxyport AS ProxyPort, generation AS Generation
    FROM orleansmembershiptable
   WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),
('DeleteMembershipTableEntriesKey',
 'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
  DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),
-- Dead rows (status 6) long past their last heartbeat and no longer suspected are pruned.
('CleanupDefunctSiloEntriesKey',
 'DELETE FROM orleansmembershiptable
   WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
     AND COALESCE(suspecttimes, '''') = '''' AND status = 6;'),
('CleanupDefunctSiloEntryKey',
 'DELETE FROM orleansmembershiptable
   WHERE deploymentid = @DeploymentId AND status = 6 AND address = @Address AND port = @Port AND generation = @Generation
     AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
     AND COALESCE(suspecttimes, '''') = COALESCE(@SuspectTimes, '''');')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
