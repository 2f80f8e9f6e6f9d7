-- The read models now live in generations: one PostgreSQL schema per generation (registry_g1, registry_g2, ...)
-- with the tables of registry-query/generation.sql, created by the service (Generations). registry_current points
-- at the generation that answers; a replay builds the next one from the Kafka topics and moves the pointer in one
-- transaction. The tables of V2_1/V2_2 are replaced by generation 1, which the registry processor rebuilds from
-- the beginning of the topics (its token and processed ids are reset here).
DROP TABLE IF EXISTS certificate_change;
DROP TABLE IF EXISTS certificate;
DROP TABLE IF EXISTS award;
DROP TABLE IF EXISTS history_entry;
DROP TABLE IF EXISTS organisation;
DELETE FROM processed_event WHERE consumer = 'registry';
DELETE FROM token_entry WHERE processor_name = 'registry';

CREATE TABLE registry_generation (
    generation  INTEGER      PRIMARY KEY,
    schema_name VARCHAR(40)  NOT NULL UNIQUE,
    -- BUILDING (a replay fills it; the live processor writes to it too), CURRENT, RETIRED, FAILED
    state       VARCHAR(20)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    switched_at TIMESTAMPTZ
);

-- exactly one row: the generation every read uses, read per request
CREATE TABLE registry_current (
    singleton  BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    generation INTEGER NOT NULL REFERENCES registry_generation (generation)
);

CREATE TABLE replay (
    replay_id    UUID         PRIMARY KEY,
    generation   INTEGER      NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    events_total BIGINT       NOT NULL DEFAULT 0,
    events_done  BIGINT       NOT NULL DEFAULT 0,
    started_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    error        TEXT
);
