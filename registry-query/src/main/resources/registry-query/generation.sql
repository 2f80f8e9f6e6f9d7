-- The tables of one generation of registry-query's read models, in schema {{schema}} (see Generations).
-- Every row is one event, keyed by its id and carrying both clocks (effective_on, recorded_at): rows are only ever
-- inserted, so a generation is the same whatever order the events arrive in, and "as known at T" is a filter
-- on recorded_at (a revocation counts from the instant it was recorded).
CREATE SCHEMA {{schema}};

CREATE TABLE {{schema}}.organisation (
    organisation_id VARCHAR(100) PRIMARY KEY,
    event_id        UUID         NOT NULL,
    name            VARCHAR(200) NOT NULL,
    -- lower case without accents (java.text.Normalizer), for search: "Zürich" is found by "zurich". Folding makes
    -- a name longer (a Hangul syllable decomposes into up to 3 jamo): every character folds to at most 3
    -- (FoldedNameBoundTest checks each code point), and a name is at most 200 characters (icss input policy)
    name_folded     VARCHAR(600) NOT NULL,
    country         CHAR(2)      NOT NULL,
    member_body     VARCHAR(20)  NOT NULL,
    registered_on   DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX organisation_name ON {{schema}}.organisation (name_folded, organisation_id);

-- GoldAwarded and CertificationGranted
CREATE TABLE {{schema}}.certificate (
    event_id           UUID         PRIMARY KEY,
    certificate_number VARCHAR(50)  NOT NULL,
    organisation_id    VARCHAR(100) NOT NULL,
    tier               VARCHAR(20)  NOT NULL,
    standard_version   VARCHAR(20)  NOT NULL,
    awarded_on         DATE         NOT NULL,
    valid_until        DATE         NOT NULL,
    audit_id           VARCHAR(100) NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX certificate_organisation ON {{schema}}.certificate (organisation_id, awarded_on);
CREATE INDEX certificate_number ON {{schema}}.certificate (certificate_number);

-- suspended, reinstated, withdrawn, expired, superseded
CREATE TABLE {{schema}}.certificate_change (
    event_id           UUID         PRIMARY KEY,
    certificate_number VARCHAR(50)  NOT NULL,
    organisation_id    VARCHAR(100) NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    effective_on       DATE         NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX certificate_change_organisation ON {{schema}}.certificate_change (organisation_id);

-- CertificationChangeRevoked: the revoked event no longer counts for answers known at or after recorded_at
CREATE TABLE {{schema}}.revocation (
    event_id           UUID         PRIMARY KEY,
    revoked_event_id   UUID         NOT NULL,
    revoked_event_type VARCHAR(100) NOT NULL,
    organisation_id    VARCHAR(100) NOT NULL,
    certificate_number VARCHAR(50)  NOT NULL,
    effective_on       DATE         NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX revocation_organisation ON {{schema}}.revocation (organisation_id);

CREATE TABLE {{schema}}.award (
    event_id        UUID         PRIMARY KEY,
    award_id        VARCHAR(100) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    season_year     INTEGER      NOT NULL,
    category        VARCHAR(200) NOT NULL,
    won_on          DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX award_organisation ON {{schema}}.award (organisation_id, won_on);

-- EmploymentStarted (kind START) and EmploymentEnded (kind END)
CREATE TABLE {{schema}}.employment_change (
    event_id        UUID         PRIMARY KEY,
    employment_id   VARCHAR(100) NOT NULL,
    organisation_id VARCHAR(100) NOT NULL,
    professional_id VARCHAR(100) NOT NULL,
    kind            VARCHAR(10)  NOT NULL,
    effective_on    DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX employment_change_organisation ON {{schema}}.employment_change (organisation_id);

-- ProfessionalCertified: keyed by the professional, never by an organisation
CREATE TABLE {{schema}}.credential (
    event_id        UUID         PRIMARY KEY,
    professional_id VARCHAR(100) NOT NULL,
    credential_id   VARCHAR(100) NOT NULL,
    valid_from      DATE         NOT NULL,
    valid_until     DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX credential_professional ON {{schema}}.credential (professional_id);

-- every event about an organisation, with both clocks: the compliance history
CREATE TABLE {{schema}}.history_entry (
    event_id        UUID         PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    effective_on    DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    summary         TEXT         NOT NULL,
    payload         JSONB        NOT NULL
);
CREATE INDEX history_entry_organisation ON {{schema}}.history_entry (organisation_id, effective_on, recorded_at);
