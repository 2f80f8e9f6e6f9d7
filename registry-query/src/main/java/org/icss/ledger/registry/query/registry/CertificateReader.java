package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.registry.query.registry.Histories.OrganisationSummary;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.StandingReader.CertificateView;
import org.icss.ledger.rules.StatusPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Certificate verification: a number, as known at an instant, and its status on a date. */
@Component
public class CertificateReader {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final Histories histories;

    public CertificateReader(JdbcTemplate jdbc, Generations generations, Histories histories) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.histories = histories;
    }

    /** A certificate, its organisation, and its status with every (non-revoked) change, on a date. */
    public record CertificateCheck(CertificateView certificate, OrganisationSummary organisation,
                                   Optional<CertificateStatus> status, List<Change> changes) {
    }

    /** A certificate by number as known at {@code knownAt}, and its status on {@code date}; empty when unknown. */
    public Optional<CertificateCheck> certificate(String number, LocalDate date, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = Histories.known(knownAt);
        List<String> owners = jdbc.queryForList("SELECT organisation_id FROM " + schema + ".certificate c "
                + "WHERE certificate_number = ? AND recorded_at <= ? AND NOT EXISTS (SELECT 1 FROM " + schema
                + ".revocation r WHERE r.revoked_event_id = c.event_id AND r.recorded_at <= ?) LIMIT 1", String.class,
                number, Timestamp.from(known), Timestamp.from(known));
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        String organisationId = owners.get(0);
        OrganisationHistory history = histories.histories(schema, List.of(organisationId), known).get(organisationId);
        Optional<OrganisationSummary> organisation = histories.organisation(schema, organisationId,
                Histories.END_OF_TIME);
        return history.certificates().stream().filter(c -> c.number().equals(number)).findFirst().map(c ->
                new CertificateCheck(StandingReader.view(c, organisationId), organisation.orElse(null),
                        StatusPolicy.statusOn(c.awardedOn(), c.validUntil(), c.statusChanges(), date), c.changes()));
    }
}
