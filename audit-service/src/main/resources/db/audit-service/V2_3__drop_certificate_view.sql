-- audit-service no longer keeps a view of certification-service's certificates: rule 1 is decided by the organisation
-- from its own audits and health checks, with the timeline certification-service uses (ledger-rules). The view's
-- tables (V2_1) go; its processor's token and processed-event rows stay as history.
DROP TABLE IF EXISTS certificate_view_revocation;
DROP TABLE IF EXISTS certificate_view_change;
DROP TABLE IF EXISTS certificate_view;
