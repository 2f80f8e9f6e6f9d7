-- Status changes of certificates, and revocations of changes that a later report undid.
ALTER TABLE certificate ADD COLUMN revoked_by UUID;

CREATE TABLE certificate_change (
    event_id           UUID PRIMARY KEY,
    certificate_number VARCHAR(50)  NOT NULL,
    organisation_id    VARCHAR(100) NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    effective_on       DATE         NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL,
    revoked_by         UUID
);
CREATE INDEX certificate_change_certificate ON certificate_change (certificate_number, effective_on);
