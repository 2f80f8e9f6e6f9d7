package org.icss.ledger.registry.query.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.Announcements;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notifications' outbox: turns what the registry projects into notifications ({@code notification_event}) and
 * fans each out to the subscriptions that want it ({@code notification_delivery}), in the transaction of the
 * projection or of the standing's computation that caused it. So a notification is stored exactly when its change
 * is, nothing is lost between the two, and a redelivered Kafka record (same event id) adds nothing.
 * <p>
 * Only the generation that answers ({@code CURRENT}) announces: the live feed writes to a generation being built by a
 * replay too, and a replay rebuilds every standing, and none of that is news. The delivery worker sends what this
 * writes ({@code DeliveryWorker}).
 * <p>
 * Each notification has two bodies: {@code public_data}, the public standing only (what a WATCHER receives: tier,
 * status, Platinum, certificate number, dates, the public reason), and {@code full_data}, which adds the member body,
 * the causing events and the compliance history's line. No event the registry announces carries scores or people.
 */
public class NotificationOutbox implements Announcements {

    private static final String INSERT = "WITH e AS (INSERT INTO notification_event (event_id, organisation_id, "
            + "member_body, event_type, business_date, occurred_at, public_data, full_data) "
            + "VALUES (?, ?, %s, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (event_id) DO NOTHING "
            + "RETURNING event_seq, organisation_id, member_body, event_type) "
            + "INSERT INTO notification_delivery (subscription_id, event_seq, organisation_id) "
            + "SELECT s.subscription_id, e.event_seq, e.organisation_id FROM e JOIN notification_subscription s "
            + "ON s.state <> 'DELETED' AND e.event_type = ANY (s.event_types) "
            + "AND (s.all_organisations AND (s.member_body IS NULL OR s.member_body = e.member_body) "
            + "OR e.organisation_id = ANY (s.organisations)) ORDER BY s.subscription_id";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public NotificationOutbox(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void certificateEvent(String schema, OrganisationEvent event, String summary) {
        Certificate certificate = certificate(event);
        if (certificate == null || !current(schema)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisationId", event.organisationId().value());
        data.put("certificateNumber", certificate.number().value());
        data.put("businessDate", event.effectiveOn().toString());
        if (certificate.tier() != null) {
            data.put("tier", certificate.tier().name());
        }
        if (certificate.validUntil() != null) {
            data.put("validUntil", certificate.validUntil().toString());
        }
        Map<String, Object> full = new LinkedHashMap<>(data);
        full.put("summary", summary);
        full.put("sourceEventId", event.eventId().toString());
        full.put("sourceEventType", event.getClass().getSimpleName());
        // the member body comes from the organisation's registration in the generation that answers
        jdbc.update(INSERT.formatted("(SELECT member_body FROM " + schema + ".organisation WHERE organisation_id = ?)"),
                event.eventId(), event.organisationId().value(), event.organisationId().value(),
                certificate.type().type(), Date.valueOf(event.effectiveOn()), Timestamp.from(event.recordedAt()),
                write(data), write(full));
    }

    @Override
    public void standingsChanged(String schema, List<StandingChange> changes) {
        if (!current(schema)) {
            return;
        }
        Instant now = clock.instant();
        for (StandingChange change : changes) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("organisationId", change.organisationId());
            data.put("organisationName", change.organisationName());
            data.put("businessDate", change.businessDate().toString());
            data.put("before", standing(change.tierBefore(), change.statusBefore()));
            data.put("after", standing(change.tierAfter(), change.statusAfter()));
            data.put("certificateNumber", change.certificateNumber());
            data.put("reason", change.reason());
            Map<String, Object> full = new LinkedHashMap<>(data);
            full.put("memberBody", change.memberBody());
            full.put("causes", change.causes().stream().map(UUID::toString).toList());
            jdbc.update(INSERT.formatted("?"), UUID.randomUUID(), change.organisationId(), change.memberBody(),
                    NotificationType.STANDING_CHANGED.type(), Date.valueOf(change.businessDate()),
                    Timestamp.from(now), write(data), write(full));
        }
    }

    private static Map<String, Object> standing(Tier tier, org.icss.ledger.events.CertificateStatus status) {
        Map<String, Object> standing = new LinkedHashMap<>();
        standing.put("tier", tier.name());
        standing.put("status", status == null ? null : status.name());
        standing.put("platinum", tier == Tier.PLATINUM);
        return standing;
    }

    /** Whether {@code schema} is the generation that answers, as this transaction sees it. */
    private boolean current(String schema) {
        List<Boolean> current = jdbc.queryForList("SELECT state = 'CURRENT' FROM registry_generation "
                + "WHERE schema_name = ?", Boolean.class, schema);
        return !current.isEmpty() && Boolean.TRUE.equals(current.get(0));
    }

    private record Certificate(NotificationType type, CertificateNumber number, Tier tier,
                               java.time.LocalDate validUntil) {
    }

    private static Certificate certificate(OrganisationEvent event) {
        if (event instanceof GoldAwarded e) {
            return new Certificate(NotificationType.CERTIFICATE_AWARDED, e.certificateNumber(), Tier.GOLD,
                    e.validUntil());
        }
        if (event instanceof CertificationGranted e) {
            return new Certificate(NotificationType.CERTIFICATE_AWARDED, e.certificateNumber(), Tier.CERTIFIED,
                    e.validUntil());
        }
        if (event instanceof CertificationSuspended e) {
            return new Certificate(NotificationType.CERTIFICATE_SUSPENDED, e.certificateNumber(), null, null);
        }
        if (event instanceof CertificationReinstated e) {
            return new Certificate(NotificationType.CERTIFICATE_REINSTATED, e.certificateNumber(), null, null);
        }
        if (event instanceof CertificationWithdrawn e) {
            return new Certificate(NotificationType.CERTIFICATE_WITHDRAWN, e.certificateNumber(), null, null);
        }
        if (event instanceof CertificationExpired e) {
            return new Certificate(NotificationType.CERTIFICATE_EXPIRED, e.certificateNumber(), null, null);
        }
        return null;
    }

    private String write(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }
}
