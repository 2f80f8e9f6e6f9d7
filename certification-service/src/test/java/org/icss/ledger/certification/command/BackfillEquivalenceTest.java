package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.certification.command.Reports.CorrectAudit;
import org.icss.ledger.certification.command.Reports.RecordAudit;
import org.icss.ledger.certification.command.Reports.RecordHealthCheck;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icss.ledger.certification.command.TimelineFixtures.scores;
import org.icss.ledger.rules.CertificationRules;

/**
 * A multi-year history of several organisations fed live (the clock advanced day by day: each morning the
 * scheduler's advance through yesterday, then that day's reports) and fed as a backfill (every report posted at
 * once, then one advance) yields identical certification event sequences, recordedAt aside. Runs the real
 * aggregate on Axon's in-memory event store.
 */
class BackfillEquivalenceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Certification.class)
                .registerComponent(CertificationRules.class, c -> CertificationRules.defaults())
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    /** A report posted on a day: the command it becomes, given the instant it is recorded. */
    record Posted(LocalDate postedOn, String organisation, Function<Instant, Object> command) {
    }

    @Test
    void livingThroughTheHistoryAndBackfillingItAnnounceTheSameEvents() {
        List<Posted> history = history();

        Map<String, List<String>> live = feedLive(history);
        stopAxon();
        startAxon();
        Map<String, List<String>> backfilled = feedBackfill(history);

        assertThat(backfilled).isEqualTo(live);
        assertThat(types(live.get("ontime"))).containsExactly("GoldAwarded", "CertificateSuperseded", "GoldAwarded",
                "CertificateSuperseded", "GoldAwarded", "CertificateSuperseded", "GoldAwarded");
        assertThat(types(live.get("late"))).containsExactly("GoldAwarded", "CertificationSuspended",
                "CertificationReinstated", "CertificationExpired");
        assertThat(types(live.get("reinstated"))).containsExactly("GoldAwarded", "CertificationSuspended",
                "CertificationReinstated", "CertificationExpired", "GoldAwarded", "CertificationExpired");
        assertThat(types(live.get("withdrawn"))).containsExactly("CertificationGranted", "CertificationSuspended",
                "CertificationWithdrawn");
        assertThat(types(live.get("corrected"))).containsExactly("GoldAwarded", "CertificationChangeRevoked",
                "CertificationGranted", "CertificationSuspended", "CertificationWithdrawn");
    }

    private Map<String, List<String>> feedLive(List<Posted> history) {
        Set<String> known = new LinkedHashSet<>();
        LocalDate first = history.get(0).postedOn();
        int next = 0;
        for (LocalDate day = first; !day.isAfter(TODAY); day = day.plusDays(1)) {
            Instant morning = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            for (String organisation : known) {
                commands.sendAndWait(new AdvanceCertification(new OrganisationId(organisation), day.minusDays(1),
                        morning));
            }
            while (next < history.size() && history.get(next).postedOn().equals(day)) {
                Posted posted = history.get(next++);
                commands.sendAndWait(posted.command().apply(morning.plusSeconds(3600)));
                known.add(posted.organisation());
            }
        }
        return announced(known);
    }

    private Map<String, List<String>> feedBackfill(List<Posted> history) {
        Instant today = TODAY.atStartOfDay().toInstant(ZoneOffset.UTC);
        Set<String> known = new LinkedHashSet<>();
        for (Posted posted : history) {
            commands.sendAndWait(posted.command().apply(today));
            known.add(posted.organisation());
        }
        for (String organisation : known) {
            commands.sendAndWait(new AdvanceCertification(new OrganisationId(organisation), TODAY.minusDays(1),
                    today));
        }
        return announced(known);
    }

    /** Per organisation, the published events its certification applied, in order, without recordedAt. */
    private Map<String, List<String>> announced(Set<String> organisations) {
        Map<String, List<String>> announced = new LinkedHashMap<>();
        for (String organisation : organisations) {
            List<String> events = new ArrayList<>();
            axon.eventStore().readEvents(organisation).asStream()
                    .map(message -> message.getPayload())
                    .filter(LedgerEvent.class::isInstance)
                    .forEach(event -> events.add(event.toString().replaceAll("recordedAt=[^,\\]]+", "")));
            announced.put(organisation, events);
        }
        return announced;
    }

    private static List<String> types(List<String> events) {
        return events.stream().map(event -> event.substring(0, event.indexOf('['))).toList();
    }

    private static List<Posted> history() {
        List<Posted> history = new ArrayList<>();
        // on time: Gold, every health check on its anniversary, re-certified early three times
        audit(history, "ontime", "o1", "2015-03-02", StandardVersion.ICSS_2015_2020, 7);
        check(history, "ontime", "o-h1", "2016-03-02", true);
        check(history, "ontime", "o-h2", "2017-03-01", true);
        audit(history, "ontime", "o2", "2018-02-15", StandardVersion.ICSS_2015_2020, 7);
        check(history, "ontime", "o-h3", "2019-02-15", true);
        check(history, "ontime", "o-h4", "2020-02-14", true);
        audit(history, "ontime", "o3", "2021-01-20", StandardVersion.ICSS_2020_2025, 8);
        check(history, "ontime", "o-h5", "2022-01-20", true);
        check(history, "ontime", "o-h6", "2023-01-19", true);
        audit(history, "ontime", "o4", "2024-01-10", StandardVersion.ICSS_2020_2025, 8);
        check(history, "ontime", "o-h7", "2025-01-10", true);
        check(history, "ontime", "o-h8", "2026-01-12", true);
        // late: first health check missed, suspended, reinstated by a late check; then left to expire
        audit(history, "late", "l1", "2016-05-10", StandardVersion.ICSS_2015_2020, 6);
        check(history, "late", "l-h1", "2017-09-01", true);
        check(history, "late", "l-h2", "2018-05-12", true);
        // failed check, reinstated, expired, re-certified after expiry
        audit(history, "reinstated", "r1", "2017-01-16", StandardVersion.ICSS_2015_2020, 6);
        check(history, "reinstated", "r-h1", "2018-01-10", false);
        check(history, "reinstated", "r-h2", "2018-03-01", true);
        check(history, "reinstated", "r-h3", "2019-01-16", true);
        audit(history, "reinstated", "r2", "2020-06-01", StandardVersion.ICSS_2020_2025, 6);
        check(history, "reinstated", "r-h4", "2021-06-01", true);
        check(history, "reinstated", "r-h5", "2022-06-01", true);
        // certified, failed check, never reinstated: withdrawn
        audit(history, "withdrawn", "w1", "2019-04-01", StandardVersion.ICSS_2015_2020, 4);
        check(history, "withdrawn", "w-h1", "2020-03-20", false);
        check(history, "withdrawn", "w-h2", "2020-10-01", true);
        // Gold corrected down to Certified three weeks later
        audit(history, "corrected", "c1", "2021-02-01", StandardVersion.ICSS_2020_2025, 6);
        history.add(new Posted(LocalDate.parse("2021-02-22"), "corrected",
                at -> new CorrectAudit(new OrganisationId("corrected"), "c1", scores(5), at)));
        check(history, "corrected", "c-h1", "2022-02-01", true);
        history.sort(Comparator.comparing(Posted::postedOn));
        return history;
    }

    private static void audit(List<Posted> history, String org, String auditId, String on, StandardVersion version,
                              int lowest) {
        LocalDate date = LocalDate.parse(on);
        history.add(new Posted(date, org, at -> new RecordAudit(new OrganisationId(org), auditId, date, version,
                AuditType.CERTIFICATION, scores(lowest), at)));
    }

    private static void check(List<Posted> history, String org, String checkId, String on, boolean passed) {
        LocalDate date = LocalDate.parse(on);
        history.add(new Posted(date, org, at -> new RecordHealthCheck(new OrganisationId(org), checkId, date, passed,
                at)));
    }
}
