-- Which member body registered each organisation, written in the same transaction as OrganisationRegistered
-- (OrganisationController): it decides which member body's key may write for an organisation, and refuses a second
-- registration of the same name (normalised: trimmed, single spaces, lower case) and country by the same member body.
CREATE TABLE organisation_registration (
    organisation_id VARCHAR(100) PRIMARY KEY,
    member_body     VARCHAR(10)  NOT NULL,
    normalised_name VARCHAR(200) NOT NULL,
    country         CHAR(2)      NOT NULL,
    UNIQUE (member_body, normalised_name, country)
);

-- organisations registered before this table existed, from their events (the first of any duplicates wins)
INSERT INTO organisation_registration (organisation_id, member_body, normalised_name, country)
SELECT e.payload ->> 'organisationId', e.payload ->> 'memberBody',
       lower(regexp_replace(btrim(e.payload ->> 'name'), '\s+', ' ', 'g')), e.payload ->> 'country'
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS payload, global_index
      FROM domain_event_entry
      WHERE payload_type = 'org.icss.ledger.events.OrganisationRegistered') e
ORDER BY e.global_index
ON CONFLICT DO NOTHING;
