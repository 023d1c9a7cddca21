-- Pmo.Grains schema, step 1: the table Orleans' ADO.NET providers read their SQL from.
-- Each provider loads the rows it needs by key at start-up and runs their text with named
-- parameters (@Name); result columns are read back by name. Steps 2+ fill it.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);
