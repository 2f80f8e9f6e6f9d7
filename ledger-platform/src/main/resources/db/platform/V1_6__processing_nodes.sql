-- The replicas of a service that are alive, so that they can share their tracking processors' segments
-- (SegmentBalancer): each replica stamps its row every icss.processing.balance-every and deletes it on shutdown.
CREATE TABLE processing_node (
    node_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    last_seen TIMESTAMPTZ  NOT NULL
);
