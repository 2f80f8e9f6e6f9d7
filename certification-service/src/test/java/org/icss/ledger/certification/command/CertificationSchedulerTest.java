package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which organisations the daily advance advances, and through which date. */
@ExtendWith(LedgerInfrastructureExtension.class)
class CertificationSchedulerTest {

    private final MutableClock clock = MutableClock.at(LocalDate.of(2026, 11, 23));
    private final List<AdvanceCertification> advanced = new CopyOnWriteArrayList<>();
    private JdbcTemplate jdbc;
    private CertificationScheduler scheduler;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        jdbc = new JdbcTemplate(infra.migratedDatabase("scheduler", "classpath:db/platform",
                "classpath:db/certification-service"));
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(AdvanceCertification.class.getName(), command -> {
            AdvanceCertification advance = (AdvanceCertification) command.getPayload();
            if (advance.organisationId().value().equals("raced") && racesLost.getAndIncrement() < 2) {
                // another replica appended to this aggregate first
                throw new org.axonframework.modelling.command.ConcurrencyException("sequence number taken");
            }
            advanced.add(advance);
            return null;
        });
        scheduler = new CertificationScheduler(bus, jdbc, clock, Duration.ofMinutes(10));
    }

    private final java.util.concurrent.atomic.AtomicInteger racesLost = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void anAdvanceThatLosesARaceWithAnotherReplicaIsSentAgainAndTheRunGoesOn() {
        lastReport("raced", Duration.ofHours(1));
        lastReport("after-the-race", Duration.ofHours(1));

        CertificationScheduler.Advanced result = scheduler.advance(Duration.ofMinutes(10));

        assertThat(result.organisations()).isEqualTo(2);
        assertThat(racesLost.get()).isEqualTo(3);
        assertThat(advanced).extracting(a -> a.organisationId().value()).containsExactly("after-the-race", "raced");
    }

    @Test
    void theScheduledAdvanceLeavesAnOrganisationAloneWhileItsHistoryIsBeingPosted() {
        lastReport("quiet-for-an-hour", Duration.ofHours(1));
        lastReport("backfilling-now", Duration.ofSeconds(30));

        CertificationScheduler.Advanced result = scheduler.advance(Duration.ofMinutes(10));

        assertThat(advanced).extracting(command -> command.organisationId().value())
                .containsExactly("quiet-for-an-hour");
        assertThat(result.organisations()).isEqualTo(1);
    }

    @Test
    void anAdvanceAskedForGoesThroughYesterdayForEveryOrganisation() {
        lastReport("quiet-for-an-hour", Duration.ofHours(1));
        lastReport("backfilling-now", Duration.ofSeconds(30));

        CertificationScheduler.Advanced result = scheduler.advanceAll();

        assertThat(result.through()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(advanced).extracting(command -> command.organisationId().value())
                .containsExactly("backfilling-now", "quiet-for-an-hour");
        assertThat(advanced).allSatisfy(command -> assertThat(command.through()).isEqualTo(result.through()));
    }

    private void lastReport(String organisation, Duration ago) {
        jdbc.update("INSERT INTO certification_organisation (organisation_id, last_report_at) VALUES (?, ?)",
                organisation, Timestamp.from(clock.instant().minus(ago)));
    }
}
