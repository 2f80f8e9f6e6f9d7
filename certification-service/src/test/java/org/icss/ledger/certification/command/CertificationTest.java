package org.icss.ledger.certification.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Gold decision of an organisation's certification. */
class CertificationTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2024-06-30T09:00:00Z");
    private static final LocalDate AUDITED = LocalDate.of(2024, 6, 30);

    private AggregateTestFixture<Certification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Certification.class);
    }

    @Test
    void certificationAuditWithSixOrMoreOnEveryAttributeAwardsGoldForThreeYears() {
        AuditScored audit = audit("a-1", AuditType.CERTIFICATION, 6);

        fixture.givenNoPriorActivity()
                .when(new RecordAudit(ORG, audit, RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GoldAwarded(ORG, EventIds.of(GoldAwarded.class, "org-1", "a-1"), AUDITED, RECORDED,
                        CertificateNumbers.forAward(ORG, "a-1", AUDITED), StandardVersion.ICSS_2020_2025,
                        LocalDate.of(2027, 6, 30), "a-1"));
    }

    @Test
    void anyScoreBelowSixAwardsNoGold() {
        fixture.givenNoPriorActivity()
                .when(new RecordAudit(ORG, audit("a-1", AuditType.CERTIFICATION, 5), RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void annualAuditNeverAwardsGold() {
        fixture.givenNoPriorActivity()
                .when(new RecordAudit(ORG, audit("a-1", AuditType.ANNUAL, 9), RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameAuditDeliveredTwiceAwardsGoldOnce() {
        AuditScored audit = audit("a-1", AuditType.CERTIFICATION, 7);
        GoldAwarded first = new GoldAwarded(ORG, EventIds.of(GoldAwarded.class, "org-1", "a-1"), AUDITED, RECORDED,
                CertificateNumbers.forAward(ORG, "a-1", AUDITED), StandardVersion.ICSS_2020_2025,
                LocalDate.of(2027, 6, 30), "a-1");

        fixture.given(first)
                .when(new RecordAudit(ORG, audit, RECORDED.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void certificateNumbersAreStablePerAwardAndDifferBetweenAwards() {
        assertThat(CertificateNumbers.forAward(ORG, "a-1", AUDITED))
                .isEqualTo(CertificateNumbers.forAward(ORG, "a-1", AUDITED))
                .isNotEqualTo(CertificateNumbers.forAward(ORG, "a-2", AUDITED))
                .isNotEqualTo(CertificateNumbers.forAward(new OrganisationId("org-2"), "a-1", AUDITED));
        assertThat(CertificateNumbers.forAward(ORG, "a-1", AUDITED).value()).matches("ICSS-2024-[0-9A-F]{10}");
    }

    private static AuditScored audit(String auditId, AuditType type, int lowest) {
        Map<String, Integer> scores = GoldPolicyTest.scoresWithLowest(lowest);
        return new AuditScored(ORG, UUID.randomUUID(), AUDITED, RECORDED, MemberBody.CSIAU, auditId,
                StandardVersion.ICSS_2020_2025, type, "A. Auditor", scores);
    }
}
