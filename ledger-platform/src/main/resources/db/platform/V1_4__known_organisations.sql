-- Organisations registered in audit-service, as a service that is not audit-service knows them from
-- icss.audit.events (KnownOrganisations): a write naming an organisation nobody registered is refused.
CREATE TABLE known_organisation (
    organisation_id VARCHAR(100) PRIMARY KEY,
    member_body     VARCHAR(20)  NOT NULL,
    registered_on   DATE         NOT NULL
);
