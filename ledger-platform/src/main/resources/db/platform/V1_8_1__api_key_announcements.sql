-- One key per member body or role, valid on every service (ApiKeyTopic): each change of a key is announced on the
-- Kafka topic icss.keys and every service projects that topic into this table. announced is false while a row's
-- latest state (created, revoked, replaced) is not yet known to be on the topic: a key issued, rotated or revoked
-- here and not yet acknowledged by Kafka, and every key that existed before this migration (each service announces
-- its own at start-up, so no key issued before the change is lost).
ALTER TABLE api_key ADD COLUMN announced BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX api_key_unannounced ON api_key (key_id) WHERE NOT announced;
