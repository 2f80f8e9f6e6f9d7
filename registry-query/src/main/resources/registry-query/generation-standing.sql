-- What registry-query keeps precomputed in generation {{schema}} (see Standings): applied when a generation is
-- created and, every statement idempotent, at every start to the generations being written, so the generations
-- that existed before these tables get them and fill them in the background (every organisation without a
-- standing is marked dirty below).

-- Each organisation's answer for one day (computed_on) with its reasons, as JSON, good until the next day on which
-- anything about it could change by itself (changes_on: an expiry, an anniversary, a Platinum condition running
-- out, NULL when nothing will). dirty: an event about it arrived since, version: bumped by every event about it and
-- every recomputation (the ETag of a current answer).
CREATE TABLE IF NOT EXISTS {{schema}}.standing (
    organisation_id VARCHAR(100) PRIMARY KEY,
    dirty           BOOLEAN      NOT NULL DEFAULT TRUE,
    version         BIGINT       NOT NULL DEFAULT 1,
    computed_on     DATE,
    changes_on      DATE,
    answer          JSONB
);
-- the Standings.ANSWER_FORMAT the kept answers were written in (Generations marks every answer dirty when it changes)
CREATE TABLE IF NOT EXISTS {{schema}}.standing_format (format INTEGER NOT NULL);
-- today's tier, status and deciding certificate from the answer, with the folded name: search by tier or status today
-- reads these rows (one per organisation) instead of the periods over every date
ALTER TABLE {{schema}}.standing ADD COLUMN IF NOT EXISTS tier VARCHAR(20);
ALTER TABLE {{schema}}.standing ADD COLUMN IF NOT EXISTS status VARCHAR(20);
ALTER TABLE {{schema}}.standing ADD COLUMN IF NOT EXISTS certificate_number VARCHAR(50);
ALTER TABLE {{schema}}.standing ADD COLUMN IF NOT EXISTS name_folded TEXT;
CREATE INDEX IF NOT EXISTS standing_today_tier ON {{schema}}.standing (tier, name_folded, organisation_id)
    INCLUDE (status);
-- every event about an organisation updates its row twice (marked dirty, then computed), so dead row versions pile
-- up fast under a stream of events: vacuum these tables after 2 % of their rows changed (PostgreSQL's default, 20 %,
-- left a freshly loaded registry's tier counts reading every page of the table instead of the index alone)
ALTER TABLE {{schema}}.standing SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02);
CREATE INDEX IF NOT EXISTS standing_pending ON {{schema}}.standing (organisation_id) WHERE dirty;
CREATE INDEX IF NOT EXISTS standing_changes_on ON {{schema}}.standing (changes_on) WHERE NOT dirty;

-- The standing by business date as known now: each row a period [from_on, until_on) over which tier, status and
-- deciding certificate stay the same (until_on NULL: from then on). Search's tier and status filters and the
-- Platinum list read these, ordered like search (folded name, then id).
CREATE TABLE IF NOT EXISTS {{schema}}.standing_period (
    organisation_id    VARCHAR(100) NOT NULL,
    from_on            DATE         NOT NULL,
    until_on           DATE,
    tier               VARCHAR(20)  NOT NULL,
    status             VARCHAR(20),
    certificate_number VARCHAR(50),
    name_folded        TEXT         NOT NULL,
    PRIMARY KEY (organisation_id, from_on)
);
CREATE INDEX IF NOT EXISTS standing_period_tier ON {{schema}}.standing_period (tier, name_folded, organisation_id);
-- counting the organisations of a tier (and status) on a date without reading the table
CREATE INDEX IF NOT EXISTS standing_period_tier_dates ON {{schema}}.standing_period (tier, from_on, until_on)
    INCLUDE (status);

-- causality, stored when the organisation's history is recomputed: the events that caused an entry, and the
-- revocation that revoked it
ALTER TABLE {{schema}}.history_entry ADD COLUMN IF NOT EXISTS caused_by UUID[];
ALTER TABLE {{schema}}.history_entry ADD COLUMN IF NOT EXISTS revoked_by UUID;

-- the tamper-evident history (HistoryChain): each entry's hash of its canonical event (the payload as PostgreSQL
-- prints its jsonb) and its link hash over the previous entry's, in business order, worked out by Standings
ALTER TABLE {{schema}}.history_entry ADD COLUMN IF NOT EXISTS payload_hash TEXT;
ALTER TABLE {{schema}}.history_entry ADD COLUMN IF NOT EXISTS entry_hash TEXT;
ALTER TABLE {{schema}}.standing ADD COLUMN IF NOT EXISTS chain_head TEXT;
-- the daily checkpoints over every organisation's chain head: a Merkle root, signed, and the leaves of the latest
CREATE TABLE IF NOT EXISTS {{schema}}.checkpoint (
    day        DATE        PRIMARY KEY,
    root       TEXT        NOT NULL,
    size       INTEGER     NOT NULL,
    signed     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS {{schema}}.checkpoint_leaf (
    day             DATE         NOT NULL,
    position        INTEGER      NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    head            TEXT         NOT NULL,
    PRIMARY KEY (day, position)
);
CREATE INDEX IF NOT EXISTS checkpoint_leaf_organisation ON {{schema}}.checkpoint_leaf (organisation_id, day);
-- every node of the latest checkpoint's Merkle tree (level 0: the leaves), so that a proof reads log2(n) nodes
CREATE TABLE IF NOT EXISTS {{schema}}.checkpoint_node (
    day      DATE    NOT NULL,
    level    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    hash     TEXT    NOT NULL,
    PRIMARY KEY (day, level, position)
);

-- the home page's latest certifications and changes, newest first
CREATE INDEX IF NOT EXISTS history_entry_recorded ON {{schema}}.history_entry (recorded_at DESC);

-- reading "not revoked as known at T" by the revoked event's id, not by scanning every revocation
CREATE INDEX IF NOT EXISTS revocation_revoked ON {{schema}}.revocation (revoked_event_id);
CREATE INDEX IF NOT EXISTS certificate_change_number ON {{schema}}.certificate_change (certificate_number);
CREATE INDEX IF NOT EXISTS employment_change_professional ON {{schema}}.employment_change (professional_id);

-- a folded name has no length limit of its own (full-width forms fold too), TEXT rewrites nothing
ALTER TABLE {{schema}}.organisation ALTER COLUMN name_folded TYPE TEXT;
-- name search by parts of words: a trigram index (pg_trgm, created by the V3_2 migration)
CREATE INDEX IF NOT EXISTS organisation_name_trigram ON {{schema}}.organisation USING gin (name_folded public.gin_trgm_ops);
-- search by country or member body: their organisations in search order, and counted, from the index alone
CREATE INDEX IF NOT EXISTS organisation_country ON {{schema}}.organisation (country, name_folded, organisation_id);
CREATE INDEX IF NOT EXISTS organisation_member_body ON {{schema}}.organisation
    (member_body, name_folded, organisation_id);
ALTER TABLE {{schema}}.organisation SET (autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE {{schema}}.standing_period SET (autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

INSERT INTO {{schema}}.standing (organisation_id)
    SELECT organisation_id FROM {{schema}}.organisation ON CONFLICT DO NOTHING;
