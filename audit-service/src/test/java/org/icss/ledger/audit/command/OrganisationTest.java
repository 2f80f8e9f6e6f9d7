package org.icss.ledger.audit.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.rules.CertificationRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class OrganisationTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2025-01-10T08:00:00Z");
    private static final LocalDate ON = LocalDate.of(2025, 1, 9);
    private static final StandardsCatalogue CATALOGUE = StandardsCatalogue.shipped();
    private static final Standard ICSS_2020 = CATALOGUE.find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final Standard ICSS_2015 = CATALOGUE.find(StandardVersion.ICSS_2015_2020).orElseThrow();
    private static final Instant CORRECTED = Instant.parse("2026-02-01T09:30:00Z");
    private static final OrganisationRegistered REGISTERED = new OrganisationRegistered(ORG,
            EventIds.of(OrganisationRegistered.class, "org-1"), LocalDate.of(2020, 1, 1), RECORDED,
            MemberBody.CSIAU, "Harbour Bank", "AU");

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        // Spring resolves the catalogue bean as a command handler parameter; the fixture gets it as a resource
        fixture.registerInjectableResource(CATALOGUE);
        fixture.registerInjectableResource(CertificationRules.defaults());
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
    void managementsExpectedScoresAreRecordedWithTheAudit() {
        Map<String, Integer> scores = scores(7);
        Map<String, Integer> expected = Map.of("SRV-01", 9, "FIN-02", 6);

        fixture.given(REGISTERED)
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.ANNUAL, ON, "R. Inspector", scores, expected,
                        RECORDED))
                .expectEvents(new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", "a-1"), ON, RECORDED,
                        MemberBody.CSIAU, "a-1", StandardVersion.ICSS_2020_2025, AuditType.ANNUAL,
                        "R. Inspector", scores, expected));
    }

    @Test
    void expectedScoresOutsideTheScaleOrForUnknownAttributesAreRejected() {
        fixture.given(REGISTERED)
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.ANNUAL, ON, "R. Inspector", scores(7),
                        Map.of("SRV-01", 11, "FIN-06", 7), RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "SRV-01", "FIN-06"))
                .expectNoEvents();
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

    // --- corrections and withdrawals (DOMAIN.md rule 8) ---

    @Test
    void correctionReplacesScoresKeepingTheOriginal() {
        Map<String, Integer> corrected = scores(7);
        corrected.put("SRV-03", 4);

        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new CorrectAudit(ORG, "a-1", "c-1", corrected, " transcription error ", CORRECTED))
                // only the correction is applied: the original AuditScored stays in the stream as it was
                .expectEvents(new AuditCorrected(ORG, EventIds.of(AuditCorrected.class, "org-1", "a-1", "c-1"), ON,
                        CORRECTED, MemberBody.CSIAU, "a-1", "c-1", corrected, "transcription error"));
    }

    @Test
    void aCorrectedAuditCanBeCorrectedAgainEachCorrectionWithItsOwnEventId() {
        AuditCorrected first = new AuditCorrected(ORG, EventIds.of(AuditCorrected.class, "org-1", "a-1", "c-1"), ON,
                CORRECTED, MemberBody.CSIAU, "a-1", "c-1", scores(8), "first");

        fixture.given(REGISTERED, audit("a-1", ON), first)
                .when(new CorrectAudit(ORG, "a-1", "c-2", scores(9), "second", CORRECTED))
                .expectEvents(new AuditCorrected(ORG, EventIds.of(AuditCorrected.class, "org-1", "a-1", "c-2"), ON,
                        CORRECTED, MemberBody.CSIAU, "a-1", "c-2", scores(9), "second"));
    }

    @Test
    void theSameCorrectionIdTwiceIsAConflict() {
        AuditCorrected first = new AuditCorrected(ORG, EventIds.of(AuditCorrected.class, "org-1", "a-1", "c-1"), ON,
                CORRECTED, MemberBody.CSIAU, "a-1", "c-1", scores(8), "first");

        fixture.given(REGISTERED, audit("a-1", ON), first)
                .when(new CorrectAudit(ORG, "a-1", "c-1", scores(9), "again", CORRECTED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void correctionIsCheckedAgainstTheAuditsOwnStandardVersion() {
        LocalDate auditedOn = LocalDate.of(2017, 5, 2);
        AuditScored audit2015 = new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", "old"), auditedOn,
                RECORDED, MemberBody.CSIAU, "old", StandardVersion.ICSS_2015_2020, AuditType.CERTIFICATION,
                "R. Inspector", scores(ICSS_2015, 6));

        // ICSS:2015-2020 has FIN-06 where ICSS:2020-2025 has OPS-07
        fixture.given(REGISTERED, audit2015)
                .when(new CorrectAudit(ORG, "old", "c-1", scores(7), "wrong sheet", CORRECTED))
                .expectException(rejected(Rejected.Kind.INVALID, "scores.FIN-06", "scores.OPS-07"))
                .expectNoEvents();

        fixture.given(REGISTERED, audit2015)
                .when(new CorrectAudit(ORG, "old", "c-2", scores(ICSS_2015, 7), "right sheet", CORRECTED))
                .expectEvents(new AuditCorrected(ORG, EventIds.of(AuditCorrected.class, "org-1", "old", "c-2"),
                        auditedOn, CORRECTED, MemberBody.CSIAU, "old", "c-2", scores(ICSS_2015, 7), "right sheet"));
    }

    @Test
    void correctionWithScoresOutOfRangeOrMissingIsRejectedNamingEachAttribute() {
        Map<String, Integer> corrected = scores(7);
        corrected.put("SRV-01", 11);
        corrected.put("OPS-02", -1);
        corrected.remove("LRN-03");

        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new CorrectAudit(ORG, "a-1", "c-1", corrected, "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.INVALID, "scores.SRV-01", "scores.OPS-02", "scores.LRN-03"))
                .expectNoEvents();
    }

    @Test
    void correctionWithoutAReasonIsRejected() {
        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new CorrectAudit(ORG, "a-1", "c-1", scores(8), "  ", CORRECTED))
                .expectException(rejected(Rejected.Kind.INVALID, "reason"))
                .expectNoEvents();
    }

    @Test
    void correctionOfUnknownAuditIsRejected() {
        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new CorrectAudit(ORG, "a-2", "c-1", scores(8), "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void withdrawalIsDatedOnTheAuditKeepingTheOriginal() {
        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new WithdrawAudit(ORG, "a-1", "auditor not accredited", CORRECTED))
                .expectEvents(new AuditWithdrawn(ORG, EventIds.of(AuditWithdrawn.class, "org-1", "a-1"), ON,
                        CORRECTED, MemberBody.CSIAU, "a-1", "auditor not accredited"));
    }

    @Test
    void withdrawnAuditCannotBeCorrected() {
        fixture.given(REGISTERED, audit("a-1", ON), withdrawn("a-1"))
                .when(new CorrectAudit(ORG, "a-1", "c-1", scores(8), "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void withdrawnAuditCannotBeWithdrawnAgain() {
        fixture.given(REGISTERED, audit("a-1", ON), withdrawn("a-1"))
                .when(new WithdrawAudit(ORG, "a-1", "again", CORRECTED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void withdrawnAuditsIdCannotBeReusedForANewAudit() {
        fixture.given(REGISTERED, audit("a-1", ON), withdrawn("a-1"))
                .when(new ScoreAudit(ORG, "a-1", ICSS_2020, AuditType.CERTIFICATION, ON, "R. Inspector", scores(8),
                        RECORDED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void withdrawalOfUnknownAuditIsRejected() {
        fixture.given(REGISTERED)
                .when(new WithdrawAudit(ORG, "a-1", "never was", CORRECTED))
                .expectException(rejected(Rejected.Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void withdrawalWithoutAReasonIsRejected() {
        fixture.given(REGISTERED, audit("a-1", ON))
                .when(new WithdrawAudit(ORG, "a-1", null, CORRECTED))
                .expectException(rejected(Rejected.Kind.INVALID, "reason"))
                .expectNoEvents();
    }

    @Test
    void healthCheckCorrectionCarriesTheNewResultDatedOnTheCheck() {
        LocalDate checkedOn = LocalDate.of(2025, 9, 1);
        HealthCheckFailed failed = new HealthCheckFailed(ORG, EventIds.of(HealthCheckFailed.class, "org-1", "hc-1"),
                checkedOn, RECORDED, MemberBody.CSIAU, "hc-1", "complaints unanswered");

        fixture.given(REGISTERED, failed)
                .when(new CorrectHealthCheck(ORG, "hc-1", "c-1", true, "complaints were answered", CORRECTED))
                .expectEvents(new HealthCheckCorrected(ORG, EventIds.of(HealthCheckCorrected.class, "org-1", "hc-1",
                        "c-1"), checkedOn, CORRECTED, MemberBody.CSIAU, "hc-1", "c-1", true,
                        "complaints were answered"));
    }

    @Test
    void healthCheckWithdrawalIsDatedOnTheCheck() {
        fixture.given(REGISTERED, passed("hc-1"))
                .when(new WithdrawHealthCheck(ORG, "hc-1", "posted for the wrong organisation", CORRECTED))
                .expectEvents(new HealthCheckWithdrawn(ORG, EventIds.of(HealthCheckWithdrawn.class, "org-1", "hc-1"),
                        ON, CORRECTED, MemberBody.CSIAU, "hc-1", "posted for the wrong organisation"));
    }

    @Test
    void correctionOfUnknownHealthCheckIsRejected() {
        fixture.given(REGISTERED, passed("hc-1"))
                .when(new CorrectHealthCheck(ORG, "hc-2", "c-1", false, "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.NOT_FOUND))
                .expectNoEvents();

        fixture.given(REGISTERED)
                .when(new WithdrawHealthCheck(ORG, "hc-2", "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void withdrawnHealthCheckCannotBeCorrectedOrWithdrawnAgain() {
        HealthCheckWithdrawn withdrawn = new HealthCheckWithdrawn(ORG, EventIds.of(HealthCheckWithdrawn.class,
                "org-1", "hc-1"), ON, CORRECTED, MemberBody.CSIAU, "hc-1", "wrong organisation");

        fixture.given(REGISTERED, passed("hc-1"), withdrawn)
                .when(new CorrectHealthCheck(ORG, "hc-1", "c-1", false, "typo", CORRECTED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();

        fixture.given(REGISTERED, passed("hc-1"), withdrawn)
                .when(new WithdrawHealthCheck(ORG, "hc-1", "again", CORRECTED))
                .expectException(rejected(Rejected.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void healthCheckCorrectionWithoutAReasonIsRejected() {
        fixture.given(REGISTERED, passed("hc-1"))
                .when(new CorrectHealthCheck(ORG, "hc-1", "c-1", false, "", CORRECTED))
                .expectException(rejected(Rejected.Kind.INVALID, "reason"))
                .expectNoEvents();
    }

    // --- DOMAIN.md rule 1 from the organisation's own reports (issue 14, reproductions D1 and D2) ---

    @Test
    void d2AReCertificationIn2020IsRefusedWhenTheOwnGoldWasWithdrawnThoughNothingAnnouncedIt() {
        fixture.given(REGISTERED, audit2015("gold-2017", LocalDate.of(2017, 3, 1)))
                .when(new ScoreAudit(ORG, "recert-2020", ICSS_2015, AuditType.RECERTIFICATION,
                        LocalDate.of(2020, 2, 1), "R. Inspector", scores(ICSS_2015, 8), RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "standardVersion"))
                .expectNoEvents();
    }

    @Test
    void d1AReCertificationOnTheValidUntilOfTheOwnGoldIsAccepted() {
        LocalDate validUntil = LocalDate.of(2020, 3, 1);
        fixture.given(REGISTERED, audit2015("gold-2017", LocalDate.of(2017, 3, 1)),
                        passed("hc-2018", LocalDate.of(2018, 3, 1)), passed("hc-2019", LocalDate.of(2019, 3, 1)))
                .when(new ScoreAudit(ORG, "recert-2020", ICSS_2015, AuditType.RECERTIFICATION, validUntil,
                        "R. Inspector", scores(ICSS_2015, 8), RECORDED))
                .expectEvents(new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", "recert-2020"),
                        validUntil, RECORDED, MemberBody.CSIAU, "recert-2020", StandardVersion.ICSS_2015_2020,
                        AuditType.RECERTIFICATION, "R. Inspector", scores(ICSS_2015, 8)));
    }

    @Test
    void aWithdrawnAuditGivesNoCertificateToStayOn() {
        LocalDate auditedOn = LocalDate.of(2019, 6, 1);
        fixture.given(REGISTERED, audit2015("gold-2019", auditedOn),
                        new AuditWithdrawn(ORG, EventIds.of(AuditWithdrawn.class, "org-1", "gold-2019"), auditedOn,
                                CORRECTED, MemberBody.CSIAU, "gold-2019", "auditor not accredited"))
                .when(new ScoreAudit(ORG, "annual-2020", ICSS_2015, AuditType.ANNUAL, LocalDate.of(2020, 6, 1),
                        "R. Inspector", scores(ICSS_2015, 8), RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "standardVersion"))
                .expectNoEvents();
    }

    private static AuditScored audit2015(String auditId, LocalDate on) {
        return new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", auditId), on, RECORDED, MemberBody.CSIAU,
                auditId, StandardVersion.ICSS_2015_2020, AuditType.CERTIFICATION, "R. Inspector",
                scores(ICSS_2015, 8));
    }

    private static HealthCheckPassed passed(String healthCheckId, LocalDate on) {
        return new HealthCheckPassed(ORG, EventIds.of(HealthCheckPassed.class, "org-1", healthCheckId), on, RECORDED,
                MemberBody.CSIAU, healthCheckId);
    }

    private static AuditScored audit(String auditId, LocalDate on) {
        return new AuditScored(ORG, EventIds.of(AuditScored.class, "org-1", auditId), on, RECORDED, MemberBody.CSIAU,
                auditId, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "R. Inspector", scores(7));
    }

    private static AuditWithdrawn withdrawn(String auditId) {
        return new AuditWithdrawn(ORG, EventIds.of(AuditWithdrawn.class, "org-1", auditId), ON, CORRECTED,
                MemberBody.CSIAU, auditId, "withdrawn");
    }

    private static HealthCheckPassed passed(String checkId) {
        return new HealthCheckPassed(ORG, EventIds.of(HealthCheckPassed.class, "org-1", checkId), ON, RECORDED,
                MemberBody.CSIAU, checkId);
    }

    /** A {@link Rejected} of {@code kind} whose {@code errors} name at least {@code errorKeys}. */
    @Test
    void anAuditDatedBeforeTheRegistrationIsRefused() {
        fixture.given(REGISTERED)
                .when(new ScoreAudit(ORG, "a-early", ICSS_2020, AuditType.CERTIFICATION, LocalDate.of(2019, 12, 31),
                        "R. Inspector", scores(7), RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "auditedOn"))
                .expectNoEvents();
    }

    @Test
    void aHealthCheckDatedBeforeTheRegistrationIsRefusedAndOneOnItsDayIsTaken() {
        fixture.given(REGISTERED)
                .when(new RecordHealthCheck(ORG, "hc-early", LocalDate.of(2019, 12, 31), true, null, RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "checkedOn"))
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordHealthCheck(ORG, "hc-day", LocalDate.of(2020, 1, 1), true, null, RECORDED))
                .expectSuccessfulHandlerExecution();
    }

    private static Matcher<Object> rejected(Rejected.Kind kind, String... errorKeys) {
        return Matchers.predicate(e -> e instanceof Rejected rejected && rejected.kind() == kind
                && rejected.errors().keySet().containsAll(List.of(errorKeys)));
    }

    private static Map<String, Integer> scores(int score) {
        return scores(ICSS_2020, score);
    }

    private static Map<String, Integer> scores(Standard standard, int score) {
        Map<String, Integer> scores = new HashMap<>();
        standard.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }
}
