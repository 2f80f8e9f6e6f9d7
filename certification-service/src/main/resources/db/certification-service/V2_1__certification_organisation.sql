-- Organisations that have a certification record: the daily advance walks them.
CREATE TABLE certification_organisation (
    organisation_id VARCHAR(100) PRIMARY KEY
);
