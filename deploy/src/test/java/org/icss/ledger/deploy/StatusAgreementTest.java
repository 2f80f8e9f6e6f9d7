package org.icss.ledger.deploy;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.icss.ledger.audit.command.Organisation;
import org.icss.ledger.audit.command.ScoreAudit;
import org.icss.ledger.certification.command.ChangeEvents;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.events.Tier;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.OrganisationHistory;
import org.icss.ledger.registry.query.registry.PlatinumPolicy;
import org.icss.ledger.registry.query.registry.StandingPolicy;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.CertificateTimeline;
import org.icss.ledger.rules.CertificationRules;
import org.icss.ledger.rules.Change;
import org.icss.ledger.rules.HealthCheckReport;
import org.icss.ledger.rules.LifecyclePolicy;
import org.icss.ledger.rules.StatusPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's agreement table: random histories of audits and health checks go to every place that asks "what is
 * this certificate's status on day D", and all of them must give the same answer on every date asked.
 * <ul>
 *     <li><b>certification-service</b>: the timeline it announces ({@link LifecyclePolicy}), read with
 *     {@link CertificateTimeline}; it is the reference;</li>
 *     <li><b>registry-query</b>: {@link StandingPolicy} on the history the registry keeps of the events
 *     certification-service announced for that timeline ({@link ChangeEvents#announce});</li>
 *     <li><b>audit-service</b>: rule 1, asked of the real {@link Organisation} aggregate given the same reports: an
 *     ICSS:2015-2020 audit on a date in 2020 is accepted exactly when the registry shows an ICSS:2015-2020
 *     certificate ACTIVE or SUSPENDED that day as awards see it (before the day's scheduled changes).</li>
 * </ul>
 * Pure: no Spring, no database, no broker. Seeded, so a failure names a history that can be replayed.
 */
class StatusAgreementTest {

    private static final int HISTORIES = 150;
    private static final long SEED = 20261202L;
    private static final OrganisationId ORG = new OrganisationId("org-agree");
    private static final Instant RECORDED = Instant.parse("2026-01-01T00:00:00Z");
    private static final StandardsCatalogue CATALOGUE = StandardsCatalogue.shipped();
    private static final Standard ICSS_2015 = CATALOGUE.find(StandardVersion.ICSS_2015_2020).orElseThrow();
    private static final CertificationRules RULES = CertificationRules.defaults();
    private static final StandingPolicy REGISTRY = new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1)));
    private static final LocalDate FAR = LocalDate.of(2030, 1, 1);

    @Test
    void everyPlaceThatAsksStatusOnADateAgrees() {
        Random random = new Random(SEED);
        int statusAnswers = 0;
        int ruleOneAnswers = 0;
        for (int n = 0; n < HISTORIES; n++) {
            History history = History.random(random);
            List<Change> timeline = LifecyclePolicy.timeline(ORG, history.audits(), history.checks(), FAR, RULES);
            List<CertificateTimeline.Certificate> certificates = CertificateTimeline.certificates(timeline);
            OrganisationHistory registry = registryHistory(announced(timeline));

            for (LocalDate day : datesToAsk(random, certificates, timeline)) {
                Answer reference = certificationAnswer(certificates, day);
                StandingPolicy.Standing standing = REGISTRY.standingOn(day, registry);
                Answer registryAnswer = new Answer(standing.tier(), standing.status(),
                        standing.certificate() == null ? null : standing.certificate().number());
                assertThat(registryAnswer).as("history %d on %s: %s", n, day, history).isEqualTo(reference);
                statusAnswers++;
            }

            AggregateTestFixture<Organisation> audit = new AggregateTestFixture<>(Organisation.class);
            audit.registerInjectableResource(CATALOGUE);
            audit.registerInjectableResource(RULES);
            for (LocalDate day : datesIn2020(random, certificates, timeline)) {
                boolean registryHolds = registry.certificates().stream()
                        .filter(c -> c.standardVersion().equals(StandardVersion.ICSS_2015_2020.code()))
                        .map(c -> StatusPolicy.statusWhenAwardsAreJudged(c.awardedOn(), c.validUntil(),
                                c.statusChanges(), day).orElse(null))
                        .anyMatch(s -> s == CertificateStatus.ACTIVE || s == CertificateStatus.SUSPENDED);
                assertThat(accepted(audit, history, day)).as("rule 1 in history %d on %s: %s", n, day, history)
                        .isEqualTo(registryHolds);
                ruleOneAnswers++;
            }
        }
        assertThat(statusAnswers).isGreaterThan(HISTORIES * 20);
        assertThat(ruleOneAnswers).isGreaterThan(HISTORIES * 3);
    }

    /** The tier, status and deciding certificate on a date: the latest certificate awarded on or before it. */
    private record Answer(Tier tier, CertificateStatus status, String certificate) {
    }

    private static Answer certificationAnswer(List<CertificateTimeline.Certificate> certificates, LocalDate day) {
        Optional<CertificateTimeline.Certificate> current = certificates.stream()
                .filter(c -> !c.awardedOn().isAfter(day)).reduce((a, b) -> b);
        if (current.isEmpty()) {
            return new Answer(Tier.NONE, null, null);
        }
        CertificateStatus status = current.get().statusOn(day).orElseThrow();
        Tier tier = status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED
                ? current.get().tier() : Tier.NONE;
        return new Answer(tier, status, current.get().number().value());
    }

    /** What audit-service's organisation answers to an ICSS:2015-2020 annual audit on {@code day}. */
    private static boolean accepted(AggregateTestFixture<Organisation> fixture, History history, LocalDate day) {
        ResultValidator<Organisation> result = fixture.given(history.auditEvents())
                .when(new ScoreAudit(ORG, "probe-" + day, ICSS_2015, AuditType.ANNUAL, day, "A. Prober",
                        scores(7), RECORDED));
        try {
            result.expectSuccessfulHandlerExecution();
            return true;
        } catch (AssertionError refused) {
            result.expectException(Rejected.class);
            return false;
        }
    }

    /** The events certification-service announces for the whole timeline (one emission of each change). */
    private static List<OrganisationEvent> announced(List<Change> timeline) {
        return timeline.stream().map(change -> ChangeEvents.announce(ORG, change, 0, RECORDED)).toList();
    }

    /**
     * The registry's history of one organisation from certification-service's events, as the projection stores
     * them and the reader folds them: a certificate per award, its status changes ordered as {@code Histories}
     * orders them (business date, then recorded instant, the same for one announcement, then event id).
     */
    private static OrganisationHistory registryHistory(List<OrganisationEvent> events) {
        Map<String, List<OrganisationHistory.Change>> changes = new HashMap<>();
        Map<String, OrganisationEvent> awards = new LinkedHashMap<>();
        for (OrganisationEvent event : events) {
            if (event instanceof GoldAwarded g) {
                awards.put(g.certificateNumber().value(), g);
            } else if (event instanceof CertificationGranted c) {
                awards.put(c.certificateNumber().value(), c);
            } else if (event instanceof CertificationSuspended e) {
                change(changes, e.certificateNumber().value(), e, CertificateStatus.SUSPENDED);
            } else if (event instanceof CertificationReinstated e) {
                change(changes, e.certificateNumber().value(), e, CertificateStatus.ACTIVE);
            } else if (event instanceof CertificationWithdrawn e) {
                change(changes, e.certificateNumber().value(), e, CertificateStatus.WITHDRAWN);
            } else if (event instanceof CertificationExpired e) {
                change(changes, e.certificateNumber().value(), e, CertificateStatus.EXPIRED);
            } else if (event instanceof CertificateSuperseded e) {
                change(changes, e.certificateNumber().value(), e, CertificateStatus.SUPERSEDED);
            }
        }
        List<OrganisationHistory.Certificate> certificates = new ArrayList<>();
        awards.forEach((number, event) -> {
            List<OrganisationHistory.Change> ordered = changes.getOrDefault(number, List.of()).stream()
                    .sorted(Comparator.comparing(OrganisationHistory.Change::on)
                            .thenComparing(change -> change.eventId().toString())).toList();
            if (event instanceof GoldAwarded g) {
                certificates.add(new OrganisationHistory.Certificate(number, Tier.GOLD, g.standardVersion().code(),
                        g.effectiveOn(), g.validUntil(), g.auditId(), g.eventId(), ordered));
            } else if (event instanceof CertificationGranted c) {
                certificates.add(new OrganisationHistory.Certificate(number, Tier.CERTIFIED,
                        c.standardVersion().code(), c.effectiveOn(), c.validUntil(), c.auditId(), c.eventId(),
                        ordered));
            }
        });
        return new OrganisationHistory(certificates, List.of(), List.of(), List.of());
    }

    private static void change(Map<String, List<OrganisationHistory.Change>> changes, String number,
                               OrganisationEvent event, CertificateStatus status) {
        changes.computeIfAbsent(number, k -> new ArrayList<>())
                .add(new OrganisationHistory.Change(event.eventId(), event.effectiveOn(), status));
    }

    /** Random dates, and every date where something changes with the days either side of it. */
    private static TreeSet<LocalDate> datesToAsk(Random random, List<CertificateTimeline.Certificate> certificates,
                                                 List<Change> timeline) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            dates.add(LocalDate.of(2015, 1, 1).plusDays(random.nextInt(11 * 365)));
        }
        for (CertificateTimeline.Certificate certificate : certificates) {
            around(dates, certificate.awardedOn());
            around(dates, certificate.validUntil());
        }
        timeline.forEach(change -> around(dates, change.on()));
        return dates;
    }

    private static TreeSet<LocalDate> datesIn2020(Random random, List<CertificateTimeline.Certificate> certificates,
                                                  List<Change> timeline) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            dates.add(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(366)));
        }
        datesToAsk(random, certificates, timeline).stream().filter(d -> d.getYear() == 2020).forEach(dates::add);
        return dates;
    }

    private static void around(TreeSet<LocalDate> dates, LocalDate date) {
        dates.add(date.minusDays(1));
        dates.add(date);
        dates.add(date.plusDays(1));
    }

    private static Map<String, Integer> scores(int score) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        ICSS_2015.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }

    /** One organisation's reports on ICSS:2015-2020: audits on distinct dates and health checks after the first. */
    private record History(List<AuditReport> audits, List<HealthCheckReport> checks) {

        static History random(Random random) {
            List<AuditReport> audits = new ArrayList<>();
            List<HealthCheckReport> checks = new ArrayList<>();
            TreeSet<LocalDate> used = new TreeSet<>();
            long sequence = 0;
            int auditCount = 1 + random.nextInt(3);
            LocalDate first = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(5 * 365));
            for (int i = 0; i < auditCount; i++) {
                LocalDate on = i == 0 ? first : first.plusDays(random.nextInt(4 * 365));
                if (!used.add(on) || on.isAfter(LocalDate.of(2020, 12, 31))) {
                    continue;
                }
                AuditType type = switch (random.nextInt(10)) {
                    case 0, 1 -> AuditType.ANNUAL;
                    case 2, 3, 4 -> AuditType.RECERTIFICATION;
                    default -> AuditType.CERTIFICATION;
                };
                int lowest = 3 + random.nextInt(7);
                Map<String, Integer> scores = new LinkedHashMap<>(scores(Math.max(lowest, 7)));
                scores.put(new ArrayList<>(scores.keySet()).get(random.nextInt(scores.size())), lowest);
                audits.add(new AuditReport("a-" + i, on, StandardVersion.ICSS_2015_2020, type, scores, sequence++));
            }
            int checkCount = random.nextInt(6);
            for (int i = 0; i < checkCount; i++) {
                LocalDate on = first.plusDays(200 + random.nextInt(4 * 365));
                checks.add(new HealthCheckReport("hc-" + i, on, random.nextInt(4) > 0, sequence++));
            }
            return new History(audits, checks);
        }

        /** The same reports as audit-service's events, in the order they were received. */
        List<Object> auditEvents() {
            List<Object> events = new ArrayList<>();
            events.add(new OrganisationRegistered(ORG, EventIds.of(OrganisationRegistered.class, ORG.value()),
                    LocalDate.of(2015, 1, 1), RECORDED, MemberBody.HICS, "Agreement Ltd", "GR"));
            List<Object[]> inOrder = new ArrayList<>();
            audits.forEach(a -> inOrder.add(new Object[]{a.sequence(), new AuditScored(ORG, UUID.randomUUID(),
                    a.auditedOn(), RECORDED, MemberBody.HICS, a.auditId(), a.standard(), a.type(), "A. Auditor",
                    a.scores())}));
            checks.forEach(c -> inOrder.add(new Object[]{c.sequence(), c.passed()
                    ? new HealthCheckPassed(ORG, UUID.randomUUID(), c.checkedOn(), RECORDED, MemberBody.HICS,
                    c.healthCheckId())
                    : new HealthCheckFailed(ORG, UUID.randomUUID(), c.checkedOn(), RECORDED, MemberBody.HICS,
                    c.healthCheckId(), "complaints unanswered")}));
            inOrder.sort(Comparator.comparingLong(o -> (Long) o[0]));
            inOrder.forEach(o -> events.add(o[1]));
            return events;
        }
    }
}
