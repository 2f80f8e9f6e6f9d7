-- When each organisation last received a report: the scheduled advance leaves an organisation alone while its
-- history is still being posted (icss.schedule.quiet-period), so a backfill plays out as one.
ALTER TABLE certification_organisation ADD COLUMN last_report_at TIMESTAMPTZ;
