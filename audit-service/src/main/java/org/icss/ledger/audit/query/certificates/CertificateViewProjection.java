package org.icss.ledger.audit.query.certificates;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Projects certification-service's topic ({@code icss.certification.events}, tracking processor {@value #GROUP}
 * whose source is the Kafka topic and whose token lives in this service's database) into audit-service's local
 * certificate view: each certificate with its version and validity, every status change with the id of the event
 * that announced it, and every revocation of such a change. {@link CertificateViewReader} answers from it.
 * <p>
 * Kafka delivers at least once, so each event is applied once: {@link ProcessedEvents#firstDelivery} records its id
 * in the same transaction as the rows it writes, and a redelivery is skipped.
 * <p>
 * The view is <b>eventually consistent</b>: it knows what certification-service had published by the time this
 * service read it, a moment (audit-service to Kafka to certification-service to Kafka to here) after the audit that
 * caused it was recorded.
 */
@Component
@ProcessingGroup(CertificateViewProjection.GROUP)
public class CertificateViewProjection {

    public static final String GROUP = "certification-events";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;

    public CertificateViewProjection(JdbcTemplate jdbc, ProcessedEvents processed) {
        this.jdbc = jdbc;
        this.processed = processed;
    }

    @EventHandler
    void on(GoldAwarded event) {
        awarded(event, event.certificateNumber(), event.standardVersion(), event.validUntil());
    }

    @EventHandler
    void on(CertificationGranted event) {
        awarded(event, event.certificateNumber(), event.standardVersion(), event.validUntil());
    }

    @EventHandler
    void on(CertificationSuspended event) {
        changed(event, event.certificateNumber(), CertificateStatus.SUSPENDED);
    }

    @EventHandler
    void on(CertificationReinstated event) {
        changed(event, event.certificateNumber(), CertificateStatus.ACTIVE);
    }

    @EventHandler
    void on(CertificationWithdrawn event) {
        changed(event, event.certificateNumber(), CertificateStatus.WITHDRAWN);
    }

    @EventHandler
    void on(CertificationExpired event) {
        changed(event, event.certificateNumber(), CertificateStatus.EXPIRED);
    }

    @EventHandler
    void on(CertificateSuperseded event) {
        changed(event, event.certificateNumber(), CertificateStatus.SUPERSEDED);
    }

    /** The change announced by {@code revokedEventId} no longer holds, whether the view has it yet or not. */
    @EventHandler
    void on(CertificationChangeRevoked event) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO certificate_view_revocation (revoked_event_id, event_id, organisation_id, "
                            + "revoked_event_type, recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    event.revokedEventId(), event.eventId(), event.organisationId().value(),
                    event.revokedEventType(), Timestamp.from(event.recordedAt()));
        }
    }

    /** A new certificate, ACTIVE from its award date. */
    private void awarded(OrganisationEvent event, CertificateNumber number, StandardVersion version,
                         LocalDate validUntil) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO certificate_view (certificate_number, organisation_id, standard_version, "
                            + "awarded_on, valid_until, award_event_id) VALUES (?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", number.value(), event.organisationId().value(),
                    version.code(), Date.valueOf(event.effectiveOn()), Date.valueOf(validUntil), event.eventId());
            insertChange(event, number, CertificateStatus.ACTIVE, true);
        }
    }

    private void changed(OrganisationEvent event, CertificateNumber number, CertificateStatus status) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            insertChange(event, number, status, false);
        }
    }

    private void insertChange(OrganisationEvent event, CertificateNumber number, CertificateStatus status,
                              boolean award) {
        OrganisationId organisation = event.organisationId();
        UUID eventId = event.eventId();
        jdbc.update("INSERT INTO certificate_view_change (event_id, organisation_id, certificate_number, event_type, "
                        + "award, status, effective_on) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                eventId, organisation.value(), number.value(), event.getClass().getSimpleName(), award,
                status.name(), Date.valueOf(event.effectiveOn()));
    }
}
