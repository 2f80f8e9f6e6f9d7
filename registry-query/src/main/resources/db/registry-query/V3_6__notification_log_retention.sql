-- The delivery log and finished deliveries are kept for icss.notifications.log-retention, then deleted in batches
-- (NotificationLogPruner). Both tables are appended in time order, so a BRIN index finds the old rows for a few pages
-- of index and costs the inserts next to nothing.
CREATE INDEX notification_attempt_attempted_at ON notification_attempt USING brin (attempted_at);
CREATE INDEX notification_delivery_created_at ON notification_delivery USING brin (created_at);
