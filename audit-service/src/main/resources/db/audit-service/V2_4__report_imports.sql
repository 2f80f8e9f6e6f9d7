-- Bulk imports (ImportController): one row per import, with its progress, and one row per recorded line. An import
-- posted with an Idempotency-Key has an id derived from the client and the key, so posting the same stream again
-- under the same key resumes it. A line's row is written in the transaction of the line's commands: a line with a row
-- was recorded (or refused for good) and is answered from the row again, never recorded twice.
CREATE TABLE report_import (
    import_id       VARCHAR(36)  PRIMARY KEY,
    client          VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(200),
    state           VARCHAR(20)  NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'STOPPED')),
    started_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    heartbeat_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    lines_read      BIGINT       NOT NULL DEFAULT 0,
    lines_accepted  BIGINT       NOT NULL DEFAULT 0,
    lines_refused   BIGINT       NOT NULL DEFAULT 0,
    lines_replayed  BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE report_import_line (
    import_id       VARCHAR(36)  NOT NULL REFERENCES report_import ON DELETE CASCADE,
    line_no         INTEGER      NOT NULL,
    line_sha256     CHAR(64)     NOT NULL,
    status          INTEGER      NOT NULL,
    -- a registration line's reference and the organisation it registered: later lines (also of a resumed posting)
    -- name the organisation by the reference
    ref             VARCHAR(100),
    organisation_id VARCHAR(100),
    result          TEXT         NOT NULL,
    PRIMARY KEY (import_id, line_no)
);
CREATE INDEX report_import_line_ref ON report_import_line (import_id) WHERE ref IS NOT NULL;
