-- The personal data of CCSM professionals. Events name a person by professional id only (STYLE.md: no personal
-- data in events), so name and email live here, where they can be erased: erasure sets both to NULL and stamps
-- erased_at; the row (and the id the events refer to) stays. A row is written in the same transaction as the
-- professional's first ProfessionalCertified event, so a professional has a row exactly when it has events.
CREATE TABLE professional_contact (
    professional_id VARCHAR(255) NOT NULL PRIMARY KEY,
    name            VARCHAR(200),
    email           VARCHAR(320),
    erased_at       TIMESTAMPTZ,
    -- either the whole personal data or none of it (erased)
    CONSTRAINT professional_contact_present_or_erased CHECK (
        (erased_at IS NULL AND name IS NOT NULL AND email IS NOT NULL)
        OR (erased_at IS NOT NULL AND name IS NULL AND email IS NULL))
);
