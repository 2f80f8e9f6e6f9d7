-- The performance reports' read model (ReportProjection, processing group "reports"): a schema of its own, fed by
-- its own tracking processor with its own token, so it never delays the public registry. Rows are only inserted,
-- keyed by event id; a correction or withdrawal is a row of its own, applied when reading.
CREATE SCHEMA reporting;

CREATE TABLE reporting.organisation (
    organisation_id VARCHAR(100) PRIMARY KEY,
    event_id        UUID         NOT NULL,
    name            VARCHAR(200) NOT NULL,
    country         CHAR(2)      NOT NULL,
    member_body     VARCHAR(20)  NOT NULL
);

CREATE TABLE reporting.audit (
    event_id         UUID         PRIMARY KEY,
    organisation_id  VARCHAR(100) NOT NULL,
    audit_id         VARCHAR(100) NOT NULL,
    audited_on       DATE         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    standard_version VARCHAR(20)  NOT NULL,
    audit_type       VARCHAR(20)  NOT NULL,
    auditor          VARCHAR(200) NOT NULL,
    scores           JSONB        NOT NULL,
    expected_scores  JSONB        NOT NULL
);
CREATE INDEX audit_organisation ON reporting.audit (organisation_id, audit_id);
CREATE INDEX audit_version ON reporting.audit (standard_version, audited_on);

CREATE TABLE reporting.audit_correction (
    event_id        UUID         PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    audit_id        VARCHAR(100) NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    scores          JSONB        NOT NULL
);
CREATE INDEX audit_correction_audit ON reporting.audit_correction (organisation_id, audit_id);

CREATE TABLE reporting.audit_withdrawal (
    event_id        UUID         PRIMARY KEY,
    organisation_id VARCHAR(100) NOT NULL,
    audit_id        VARCHAR(100) NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_withdrawal_audit ON reporting.audit_withdrawal (organisation_id, audit_id);
