package org.icss.ledger.audit.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

class OrganisationTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2025-01-10T08:00:00Z");
    private static final LocalDate ON = LocalDate.of(2025, 1, 9);
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final OrganisationRegistered REGISTERED = new OrganisationRegistered(ORG,
            EventIds.of(OrganisationRegistered.class, "org-1"), LocalDate.of(2020, 1, 1), RECORDED,
            MemberBody.CSIAU, "Harbour Bank", "AU");

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
    }

    @Test
    void registrationRecordsTheOrganisationAndItsMemberBody() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation(ORG, MemberBody.CSIAU, "Harbour Bank", "AU",
                        LocalDate.of(2020, 1, 1), RECORDED))
                .expectEvents(REGISTERED);
    }

    @Test
    void anAuditWithEveryAttributeScoredIsRecordedWithTheMemberBody() {
        Map<String, Integer> scores = scores(7);

        fixture.given(REGISTERED)
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.CERTIFICATION, ON, "R. Inspector", scores,
                        RECORDED))
                .expectEvents(new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", "a-1"), ON, RECORDED,
                        MemberBody.CSIAU, "a-1", StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION,
                        "R. Inspector", scores));
    }

    @Test
    void anAuditMissingAnAttributeIsRejectedAndNothingIsRecorded() {
        Map<String, Integer> scores = scores(7);
        scores.remove("FIN-02");

        fixture.given(REGISTERED)
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.CERTIFICATION, ON, "R. Inspector", scores,
                        RECORDED))
                .expectException(Rejected.class)
                .expectNoEvents();
    }

    @Test
    void theSameAuditIdTwiceIsAConflict() {
        AuditScored first = new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", "a-1"), ON, RECORDED,
                MemberBody.CSIAU, "a-1", StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "R. Inspector",
                scores(7));

        fixture.given(REGISTERED, first)
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.CERTIFICATION, ON, "R. Inspector", scores(8),
                        RECORDED))
                .expectException(Rejected.class)
                .expectNoEvents();
    }

    @Test
    void passedAndFailedHealthChecksAreRecordedAsSuch() {
        fixture.given(REGISTERED)
                .when(new RecordHealthCheck(ORG, "hc-1", ON, true, null, RECORDED))
                .expectEvents(new HealthCheckPassed(ORG, EventIds.of(HealthCheckPassed.class, "org-1", "hc-1"), ON,
                        RECORDED, MemberBody.CSIAU, "hc-1"));

        fixture.given(REGISTERED)
                .when(new RecordHealthCheck(ORG, "hc-2", ON, false, "complaints unanswered", RECORDED))
                .expectEvents(new HealthCheckFailed(ORG, EventIds.of(HealthCheckFailed.class, "org-1", "hc-2"), ON,
                        RECORDED, MemberBody.CSIAU, "hc-2", "complaints unanswered"));
    }

    private static Map<String, Integer> scores(int score) {
        Map<String, Integer> scores = new HashMap<>();
        ICSS_2020.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }
}
