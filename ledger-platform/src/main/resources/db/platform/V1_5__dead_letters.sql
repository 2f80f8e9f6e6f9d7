-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue) in snake_case, the columns of Axon's
-- GenericDeadLetterTableFactory with PostgreSQL types (see LedgerPlatformAutoConfiguration#deadLetterSchema).
-- One row per event a consumer could not handle; a sequence is one organisation's events in one processing group,
-- kept in order (sequence_index) until a retry handles them.

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_group_sequence ON dead_letter_entry (processing_group, sequence_identifier);
