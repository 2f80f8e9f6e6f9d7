package org.icss.ledger.audit.query.certificates;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers from the local certificate view (see {@link CertificateViewProjection}) whether an organisation holds a
 * certificate of a standard version on a date, as the audit rules need (DOMAIN.md rule 1).
 * <p>
 * The view is <b>eventually consistent</b>: a certificate that certification-service has just decided (say, from
 * an audit recorded seconds ago) may not be here yet, and an answer can lag by the Kafka round trip. Member bodies
 * post audits well after the certificates they build on, so the lag matters only for a report posted right after
 * the audit that earned the certificate; it is then refused with a 422 and can be posted again a moment later.
 */
@Component
public class CertificateViewReader {

    private final JdbcTemplate jdbc;

    public CertificateViewReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code organisation} holds an ACTIVE or SUSPENDED certificate of {@code version} on {@code day}. */
    public boolean holdsActiveOrSuspended(OrganisationId organisation, StandardVersion version, LocalDate day) {
        return holdsActiveOrSuspended(changes(organisation), version, day);
    }

    /** Every status change of the organisation's certificates, in the order received, revoked ones marked. */
    public List<CertificateChange> changes(OrganisationId organisation) {
        return jdbc.query("SELECT c.certificate_number, c.standard_version, c.valid_until, s.status, s.effective_on, "
                        + "s.received, s.award, r.revoked_event_id IS NOT NULL AS revoked "
                        + "FROM certificate_view_change s "
                        + "JOIN certificate_view c ON c.certificate_number = s.certificate_number "
                        + "LEFT JOIN certificate_view_revocation r ON r.revoked_event_id = s.event_id "
                        + "WHERE s.organisation_id = ? ORDER BY s.received",
                (row, i) -> new CertificateChange(row.getString("certificate_number"),
                        new StandardVersion(row.getString("standard_version")),
                        row.getDate("valid_until").toLocalDate(), CertificateStatus.valueOf(row.getString("status")),
                        row.getDate("effective_on").toLocalDate(), row.getLong("received"), row.getBoolean("award"),
                        row.getBoolean("revoked")),
                organisation.value());
    }

    /**
     * The rule, as a pure function of the changes: some certificate of {@code version} is ACTIVE or SUSPENDED on
     * {@code day}. A certificate's status on a day is that of its latest change that is not revoked and takes
     * effect on or before the day (changes of one date in the order received). A certificate whose award is revoked
     * does not exist; none is held on or after its {@code validUntil}, even before its expiry is announced.
     */
    public static boolean holdsActiveOrSuspended(List<CertificateChange> changes, StandardVersion version,
                                                 LocalDate day) {
        Map<String, List<CertificateChange>> byCertificate = new LinkedHashMap<>();
        for (CertificateChange change : changes) {
            if (change.standardVersion().equals(version)) {
                byCertificate.computeIfAbsent(change.certificateNumber(), number -> new ArrayList<>())
                        .add(change);
            }
        }
        return byCertificate.values().stream().anyMatch(certificate -> statusOn(certificate, day)
                .filter(status -> status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED)
                .isPresent());
    }

    /** One certificate's status on {@code day}; empty when it is not awarded (or no longer valid) then. */
    static Optional<CertificateStatus> statusOn(List<CertificateChange> certificate, LocalDate day) {
        List<CertificateChange> holding = certificate.stream().filter(change -> !change.revoked()).toList();
        if (holding.stream().noneMatch(CertificateChange::award) || !day.isBefore(holding.get(0).validUntil())) {
            return Optional.empty();
        }
        return holding.stream()
                .filter(change -> !change.effectiveOn().isAfter(day))
                .max(Comparator.comparing(CertificateChange::effectiveOn)
                        .thenComparingLong(CertificateChange::receivedOrder))
                .map(CertificateChange::status);
    }
}
