package org.icss.ledger.certification.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.certification.command.ReportEvents.AuditDropped;
import org.icss.ledger.certification.command.ReportEvents.AuditReceived;
import org.icss.ledger.certification.command.ReportEvents.AuditScoresCorrected;
import org.icss.ledger.certification.command.ReportEvents.HealthCheckReceived;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.certification.command.Reports.CorrectAudit;
import org.icss.ledger.certification.command.Reports.RecordAudit;
import org.icss.ledger.certification.command.Reports.RecordHealthCheck;
import org.icss.ledger.certification.command.Reports.WithdrawAudit;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationSuspended.SuspensionCause;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;


import static org.icss.ledger.certification.command.TimelineFixtures.awarded;
import static org.icss.ledger.certification.command.TimelineFixtures.number;
import static org.icss.ledger.certification.command.TimelineFixtures.scores;
import org.icss.ledger.rules.Change;
import org.icss.ledger.rules.CertificationRules;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.HealthCheckReport;

/** The Certification aggregate: what it announces, and that it announces each change once. */
class CertificationTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2024-06-30T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate A = LocalDate.of(2021, 3, 1);

    private AggregateTestFixture<Certification> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Certification.class);
        fixture.registerInjectableResource(CertificationRules.defaults());
    }

    @Test
    void certificationAuditWithSixOrMoreOnEveryAttributeAwardsGoldForThreeYears() {
        fixture.givenNoPriorActivity()
                .when(recordAudit("a1", A, 6))
                .expectSuccessfulHandlerExecution()
                .expectEvents(received("a1", A, 6, 0), gold("a1", A));
    }

    @Test
    void certificationAuditWithFourOrMoreButNotSixOnAllIsCertified() {
        fixture.givenNoPriorActivity()
                .when(recordAudit("a1", A, 4))
                .expectEvents(received("a1", A, 4, 0),
                        ChangeEvents.announce(ORG, awarded("a1", A, Tier.CERTIFIED), 0, RECORDED));
    }

    @Test
    void anyScoreBelowFourAwardsNothingButTheAuditIsKept() {
        fixture.givenNoPriorActivity()
                .when(recordAudit("a1", A, 3))
                .expectEvents(received("a1", A, 3, 0));
    }

    @Test
    void theSameAuditDeliveredTwiceIsRecordedOnce() {
        fixture.given(received("a1", A, 6, 0), gold("a1", A))
                .when(recordAudit("a1", A, 6))
                .expectNoEvents();
    }

    @Test
    void aCorrectionBelowSixRevokesGoldAndGrantsCertified() {
        OrganisationEvent gold = gold("a1", A);

        fixture.given(received("a1", A, 6, 0), gold)
                .when(new CorrectAudit(ORG, "a1", scores(5), LATER))
                .expectEvents(new AuditScoresCorrected(ORG, "a1", scores(5)),
                        revoked(gold, "GoldAwarded"),
                        ChangeEvents.announce(ORG, awarded("a1", A, Tier.CERTIFIED), 0, LATER));
    }

    @Test
    void aWithdrawnAuditTakesItsAwardBack() {
        OrganisationEvent gold = gold("a1", A);

        fixture.given(received("a1", A, 6, 0), gold)
                .when(new WithdrawAudit(ORG, "a1", LATER))
                .expectEvents(new AuditDropped(ORG, "a1"), revoked(gold, "GoldAwarded"));
    }

    @Test
    void advancingPastAMissedHealthCheckSuspendsOnceHoweverOftenItRuns() {
        LocalDate suspendedOn = A.plusYears(1).plusDays(91);
        OrganisationEvent suspended = ChangeEvents.announce(ORG, new Change.Suspended(number("a1", A, Tier.GOLD),
                suspendedOn, SuspensionCause.HEALTH_CHECK_MISSED, "2022-03-01"), 0, LATER);

        fixture.given(received("a1", A, 6, 0), gold("a1", A))
                .when(new AdvanceCertification(ORG, suspendedOn, LATER))
                .expectEvents(suspended);

        fixture.given(received("a1", A, 6, 0), gold("a1", A), suspended)
                .when(new AdvanceCertification(ORG, suspendedOn.plusDays(5), LATER))
                .expectNoEvents();
    }

    @Test
    void aHealthCheckPostedLateRevokesTheSuspensionItWouldHavePrevented() {
        LocalDate suspendedOn = A.plusYears(1).plusDays(91);
        OrganisationEvent suspended = ChangeEvents.announce(ORG, new Change.Suspended(number("a1", A, Tier.GOLD),
                suspendedOn, SuspensionCause.HEALTH_CHECK_MISSED, "2022-03-01"), 0, RECORDED);

        fixture.given(received("a1", A, 6, 0), gold("a1", A), suspended)
                .when(new RecordHealthCheck(ORG, "h1", A.plusYears(1), true, LATER))
                .expectEvents(new HealthCheckReceived(ORG, new HealthCheckReport("h1", A.plusYears(1), true, 1)),
                        revoked(suspended, "CertificationSuspended"));
    }

    @Test
    void aChangeAnnouncedAgainAfterARevocationGetsANewEventId() {
        OrganisationEvent gold = gold("a1", A);
        CertificationChangeRevoked revocation = revoked(gold, "GoldAwarded");

        fixture.given(received("a1", A, 6, 0), gold, new AuditScoresCorrected(ORG, "a1", scores(5)), revocation,
                        ChangeEvents.announce(ORG, awarded("a1", A, Tier.CERTIFIED), 0, LATER))
                .when(new CorrectAudit(ORG, "a1", scores(6), LATER))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(AuditScoresCorrected.class),
                                org.hamcrest.Matchers.instanceOf(CertificationChangeRevoked.class),
                                org.hamcrest.Matchers.equalTo(ChangeEvents.announce(ORG, awarded("a1", A, Tier.GOLD),
                                        1, LATER)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    private static RecordAudit recordAudit(String id, LocalDate on, int lowest) {
        return new RecordAudit(ORG, id, on, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, scores(lowest),
                RECORDED);
    }

    private static AuditReceived received(String id, LocalDate on, int lowest, long sequence) {
        return new AuditReceived(ORG, new AuditReport(id, on, StandardVersion.ICSS_2020_2025,
                AuditType.CERTIFICATION, scores(lowest), sequence));
    }

    private static OrganisationEvent gold(String auditId, LocalDate on) {
        return ChangeEvents.announce(ORG, awarded(auditId, on, Tier.GOLD), 0, RECORDED);
    }

    private static CertificationChangeRevoked revoked(OrganisationEvent event, String type) {
        Change change = ChangeEvents.changeOf(event).orElseThrow();
        return new CertificationChangeRevoked(ORG, EventIds.of(CertificationChangeRevoked.class, ORG.value(),
                event.eventId().toString()), change.on(), LATER, change.certificate(), event.eventId(), type);
    }

}
