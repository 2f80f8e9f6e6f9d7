package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.events.OrganisationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Advances every organisation's certification through yesterday, so that changes that fell due (a missed health
 * check, a withdrawal, an expiry) are announced. Yesterday, not today: on a day, awards and health checks come
 * before scheduled changes (rule 9), and today's reports may still arrive; a change due today is announced the
 * next run after midnight (UTC). Runs at start-up and every {@code icss.schedule.advance-every}, leaving alone an
 * organisation that received a report within {@code icss.schedule.quiet-period}; each run is idempotent (a change is announced once, whatever the number of runs), so a restart or a missed run loses nothing.
 * <p>
 * Every replica runs it: two replicas advancing one organisation at once race on its aggregate, and the one that
 * appends second gets Axon's {@code ConcurrencyException}; its command is sent again (Axon's
 * {@link IntervalRetryScheduler}, transient failures only), finds the change already announced and announces
 * nothing, so a change is never announced twice and a lost race loses nothing.
 */
@Component
public class CertificationScheduler {

    private static final Logger log = LoggerFactory.getLogger(CertificationScheduler.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration quietPeriod;

    public CertificationScheduler(CommandBus commandBus, JdbcTemplate jdbc, Clock clock,
                                  @Value("${icss.schedule.quiet-period:PT10M}") Duration quietPeriod) {
        this.commands = DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(runnable -> {
                            Thread thread = new Thread(runnable, "advance-retry");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        .retryInterval(200)
                        .maxRetryCount(10)
                        .build())
                .build();
        this.jdbc = jdbc;
        this.clock = clock;
        this.quietPeriod = quietPeriod;
    }

    public record Advanced(LocalDate through, int organisations) {
    }

    @Scheduled(initialDelayString = "${icss.schedule.first-advance-after:PT10S}",
            fixedDelayString = "${icss.schedule.advance-every:PT1H}")
    public void scheduledAdvance() {
        Advanced advanced = advance(quietPeriod);
        log.info("advanced {} certifications through {}", advanced.organisations(), advanced.through());
    }

    /** Advances every organisation with reports through yesterday (by the service's clock), at once. */
    public Advanced advanceAll() {
        return advance(Duration.ZERO);
    }

    /**
     * Advances the organisations whose last report is older than {@code quiet}: one whose history is being posted
     * right now (a backfill) is left until it is done, so its late history plays out as one, in business-date
     * order, rather than being interrupted by changes the next report would revoke.
     */
    synchronized Advanced advance(Duration quiet) {
        Instant now = Instant.now(clock);
        LocalDate through = LocalDate.now(clock).minusDays(1);
        List<String> organisations = jdbc.queryForList("SELECT organisation_id FROM certification_organisation "
                        + "WHERE last_report_at IS NULL OR last_report_at <= ? ORDER BY organisation_id", String.class,
                Timestamp.from(now.minus(quiet)));
        for (String organisation : organisations) {
            commands.sendAndWait(new AdvanceCertification(new OrganisationId(organisation), through, now));
        }
        return new Advanced(through, organisations.size());
    }
}
