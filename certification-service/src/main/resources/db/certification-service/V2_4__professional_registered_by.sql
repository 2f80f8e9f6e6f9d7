-- The member body that registered each CCSM professional: only it (or an ADMIN key) may change or erase the
-- professional, and only it (or COMPLIANCE or ADMIN) may read the name and email. Not personal data, so erasure keeps
-- it. Rows written before this column have no owner: only ADMIN may change or erase those, and only COMPLIANCE and
-- ADMIN read their name and email.
ALTER TABLE professional_contact ADD COLUMN registered_by VARCHAR(16);
