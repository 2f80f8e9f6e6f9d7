package org.icss.ledger.certification.command;

import org.icss.ledger.events.OrganisationId;

import java.util.Map;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.HealthCheckReport;

/**
 * certification-service's internal events: the reports an organisation's certification was given, kept in its
 * event stream so the timeline can be recomputed from them. They are not part of the published language and
 * never leave the service (only {@code LedgerEvent}s are published to Kafka).
 */
public final class ReportEvents {

    private ReportEvents() {
    }

    public record AuditReceived(OrganisationId organisationId, AuditReport report) {
    }

    public record AuditScoresCorrected(OrganisationId organisationId, String auditId, Map<String, Integer> scores) {
    }

    public record AuditDropped(OrganisationId organisationId, String auditId) {
    }

    public record HealthCheckReceived(OrganisationId organisationId, HealthCheckReport report) {
    }

    public record HealthCheckResultCorrected(OrganisationId organisationId, String healthCheckId, boolean passed) {
    }

    public record HealthCheckDropped(OrganisationId organisationId, String healthCheckId) {
    }
}
