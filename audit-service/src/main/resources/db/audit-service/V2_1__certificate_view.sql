-- audit-service's local view of certification-service's certificates, projected from icss.certification.events
-- (CertificateViewProjection), so the audit rules can ask "does this organisation hold a certificate of version V
-- on date D?" (DOMAIN.md rule 1) without calling another service. Eventually consistent: it is as recent as the
-- last certification event this service has read.

-- one row per certificate awarded (GoldAwarded, CertificationGranted)
CREATE TABLE certificate_view (
    certificate_number VARCHAR(50)  PRIMARY KEY,
    organisation_id    VARCHAR(100) NOT NULL,
    standard_version   VARCHAR(20)  NOT NULL,
    awarded_on         DATE         NOT NULL,
    valid_until        DATE         NOT NULL,
    award_event_id     UUID         NOT NULL
);
CREATE INDEX certificate_view_organisation ON certificate_view (organisation_id);

-- every status change announced for a certificate, the award included (ACTIVE from the award date); "received"
-- orders changes that share an effective date
CREATE TABLE certificate_view_change (
    event_id           UUID         PRIMARY KEY,
    received           BIGINT       GENERATED ALWAYS AS IDENTITY UNIQUE,
    organisation_id    VARCHAR(100) NOT NULL,
    certificate_number VARCHAR(50)  NOT NULL,
    event_type         VARCHAR(50)  NOT NULL,
    award              BOOLEAN      NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    effective_on       DATE         NOT NULL
);
CREATE INDEX certificate_view_change_organisation ON certificate_view_change (organisation_id, received);

-- changes that no longer hold (CertificationChangeRevoked), by the id of the event that announced them; a table of
-- its own so that a revocation counts whichever of the two events arrives first
CREATE TABLE certificate_view_revocation (
    revoked_event_id   UUID         PRIMARY KEY,
    event_id           UUID         NOT NULL,
    organisation_id    VARCHAR(100) NOT NULL,
    revoked_event_type VARCHAR(50),
    recorded_at        TIMESTAMPTZ  NOT NULL
);
