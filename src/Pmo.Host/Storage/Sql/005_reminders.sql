-- Pmo.Grains schema, step 5: reminders for Microsoft.Orleans.Reminders.AdoNet 10.x.
-- A reminder is keyed by service, grain id (GrainId.ToString(), e.g. "pmo-project/p-1") and name.
-- grainhash is the grain's uniform hash as a signed int: each silo reads the reminders whose hash
-- falls in its share of the ring. version is the etag: a delete carrying an older one changes nothing.
-- Plain statements rather than functions: each query is one atomic statement already.
CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      text           NOT NULL,
    remindername text           NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL, -- milliseconds; periods over 24.8 days do not fit an int
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

-- The ring reads (ReadRangeRows*) filter by service and hash range.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash ON orleansreminderstable (serviceid, grainhash);

-- Result columns are read back by name (GrainId, ReminderName, StartTime, Period, Version); Npgsql
-- matches the lower-cased names case-insensitively.
INSERT INTO orleansquery (querykey, querytext) VALUES
-- New reminder: version 0; an existing one gets its new schedule and the next version. Returns it.
('UpsertReminderRowKey',
 'INSERT INTO orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
  VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
  ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
     SET starttime = EXCLUDED.starttime, period = EXCLUDED.period, grainhash = EXCLUDED.grainhash,
         version = r.version + 1
  RETURNING r.version AS Version;'),
('ReadReminderRowsKey',
 'SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
    FROM orleansreminderstable
   WHERE serviceid = @ServiceId AND grainid = @GrainId;'),
('ReadReminderRowKey',
 'SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
    FROM orleansreminderstable
   WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;'),
-- The provider picks this one when (int)begin < (int)end: the range does not wrap in signed order.
('ReadRangeRows1Key',
 'SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
    FROM orleansreminderstable
   WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;'),
-- ...and this one otherwise: the range wraps past the largest signed value (or is the whole ring).
('ReadRangeRows2Key',
 'SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
    FROM orleansreminderstable
   WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);'),
-- The provider reads exactly one row, one column, as a boolean: always answer, 1 when deleted.
('DeleteReminderRowKey',
 'WITH gone AS (
      DELETE FROM orleansreminderstable
       WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
      RETURNING 1)
  SELECT count(*)::integer AS deleted FROM gone;'),
('DeleteReminderRowsKey',
 'DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;')
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
