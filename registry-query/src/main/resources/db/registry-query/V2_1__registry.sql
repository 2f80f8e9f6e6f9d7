-- registry-query's read models, rebuilt from the three services' topics.

CREATE TABLE organisation (
    organisation_id VARCHAR(100) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    country         CHAR(2)      NOT NULL,
    member_body     VARCHAR(20)  NOT NULL,
    registered_on   DATE         NOT NULL
);
CREATE INDEX organisation_name ON organisation (lower(name));

CREATE TABLE certificate (
    certificate_number VARCHAR(50) PRIMARY KEY,
    organisation_id    VARCHAR(100) NOT NULL,
    tier               VARCHAR(20)  NOT NULL,
    standard_version   VARCHAR(20)  NOT NULL,
    awarded_on         DATE         NOT NULL,
    valid_until        DATE         NOT NULL,
    audit_id           VARCHAR(100) NOT NULL,
    event_id           UUID         NOT NULL
);
CREATE INDEX certificate_organisation ON certificate (organisation_id, awarded_on);

CREATE TABLE award (
    award_id        VARCHAR(100) PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    season_year     INTEGER      NOT NULL,
    category        VARCHAR(200) NOT NULL,
    won_on          DATE         NOT NULL
);
CREATE INDEX award_organisation ON award (organisation_id, won_on);

-- every event about an organisation, with both clocks: the compliance history
CREATE TABLE history_entry (
    event_id        UUID PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    effective_on    DATE         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    summary         TEXT         NOT NULL,
    payload         JSONB        NOT NULL
);
CREATE INDEX history_entry_organisation ON history_entry (organisation_id, effective_on, recorded_at);
