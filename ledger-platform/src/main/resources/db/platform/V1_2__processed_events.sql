-- Kafka delivers at least once: every consumer records the ids of the events it has handled, in the same
-- transaction as the handling, and skips an id it has seen (see ProcessedEvents).
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
