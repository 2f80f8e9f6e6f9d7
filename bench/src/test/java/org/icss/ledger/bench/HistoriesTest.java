package org.icss.ledger.bench;

import org.icss.ledger.audit.command.AuditAcceptancePolicy;
import org.icss.ledger.bench.Histories.History;
import org.icss.ledger.certification.command.ChangeEvents;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.rules.CertificationRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale phase's histories are what the services would have published: audits audit-service accepts,
 * certification events equal to certification-service's own announcements of the same changes, every kind of
 * lifecycle event among them, and the same history for the same organisation every time.
 */
class HistoriesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private final Histories histories = new Histories(15, TODAY, NOW, CertificationRules.defaults());

    @Test
    void certificationEventsAreWhatCertificationServiceAnnounces() {
        int changes = 0;
        for (int i = 0; i < 500; i++) {
            History h = histories.organisation(i);
            for (LedgerEvent event : h.certification()) {
                var change = ChangeEvents.changeOf(event);
                if (change.isPresent()) {
                    assertThat(ChangeEvents.announce(h.id(), change.get(), 0, event.recordedAt())).isEqualTo(event);
                    changes++;
                }
            }
        }
        assertThat(changes).isGreaterThan(2000);
    }

    @Test
    void auditsAreAcceptedByAuditService() {
        StandardsCatalogue catalogue = StandardsCatalogue.shipped();
        for (int i = 0; i < 500; i++) {
            for (LedgerEvent event : histories.organisation(i).audit()) {
                if (event instanceof AuditScored audit) {
                    var standard = catalogue.find(audit.standardVersion()).orElseThrow();
                    // never in the overlap of 2020 on the older version, so the organisation's certificate is not asked
                    assertThat(AuditAcceptancePolicy.problems(standard, catalogue.all(), audit.effectiveOn(),
                            () -> false)).as(audit.toString()).isEmpty();
                    assertThat(standard.problemsWith(audit.scores())).as(audit.toString()).isEmpty();
                }
            }
        }
    }

    @Test
    void historiesRunFrom2015ToYesterdayWithEveryKindOfEvent() {
        Map<String, Integer> types = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            History h = histories.organisation(i);
            assertThat(h.audit().get(0)).isInstanceOf(OrganisationRegistered.class);
            List<LedgerEvent> all = new ArrayList<>(h.audit());
            all.addAll(h.certification());
            all.addAll(h.awards());
            for (LedgerEvent event : all) {
                assertThat(event.effectiveOn()).isBetween(LocalDate.of(2015, 1, 1), TODAY.minusDays(1));
                assertThat(event.recordedAt()).isBeforeOrEqualTo(NOW);
                types.merge(event.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        assertThat(types).containsKeys("OrganisationRegistered", "AuditScored", "HealthCheckPassed",
                "HealthCheckFailed", "GoldAwarded", "CertificationGranted", "CertificateSuperseded",
                "CertificationSuspended", "CertificationReinstated", "CertificationWithdrawn", "CertificationExpired",
                "ProfessionalCertified", "EmploymentStarted", "AwardWon");
        assertThat(histories.organisation(7)).isEqualTo(histories.organisation(7));
    }
}
