-- Pmo.Grains schema, step 8: grain state payloads are compressed with lz4 instead of PostgreSQL's default
-- pglz. A project's state is about 10 KB of JSON, past the 2 KB at which PostgreSQL compresses a value,
-- and every command and write-behind flush writes one: pglz took a measurable share of the server's CPU
-- on a machine it shares with the silos, lz4 compresses several times faster at a similar ratio on this
-- JSON. Rows already written keep their compression until they are next written. A server built without
-- lz4 (PostgreSQL before 14, or built without it) keeps pglz; nothing else depends on the choice.
DO $$
BEGIN
    ALTER TABLE pmo_grain_state ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'grain state stays compressed with pglz: %', SQLERRM;
END $$;
