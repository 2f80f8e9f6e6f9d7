-- Dead letters that compliance staff chose to skip (POST /api/v1/compliance/dead-letters/{group}/letters/{eventId}/skip):
-- the letter leaves the dead-letter queue, and this row keeps what it was, why it was skipped and by whom.
CREATE TABLE dead_letter_skip (
    processing_group    VARCHAR(255)  NOT NULL,
    event_identifier    VARCHAR(255)  NOT NULL,
    sequence_identifier VARCHAR(255)  NOT NULL,
    payload_type        VARCHAR(255)  NOT NULL,
    payload             BYTEA         NOT NULL,
    cause_type          VARCHAR(255),
    cause_message       VARCHAR(1023),
    attempts            INT           NOT NULL,
    reason              VARCHAR(1000) NOT NULL,
    skipped_by          VARCHAR(255)  NOT NULL,
    skipped_at          TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (processing_group, event_identifier)
);
