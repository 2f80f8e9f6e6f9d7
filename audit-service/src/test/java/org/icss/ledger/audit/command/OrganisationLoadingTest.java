package org.icss.ledger.audit.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.icss.ledger.audit.AuditServiceApplication;
import org.icss.ledger.audit.query.registrations.OrganisationRegistrations;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cost of a command on an organisation does not grow with its history (issue 16): audit-service as it runs (its
 * Spring context on a fresh database, the platform's default {@code icss.aggregates.*}), with the event store's
 * reads counted. The 100th audit of an organisation reads no event at all (the organisation is cached, checked
 * against the store's last sequence number); when the cache does not have it (a restart, another replica), it is
 * loaded from its latest snapshot and fewer than {@code snapshot-every} events; and an event appended by another
 * replica is seen by the next command, not hidden by the cache. The organisation's owner, asked for every write,
 * is remembered too.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class OrganisationLoadingTest {

    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final int SNAPSHOT_EVERY = 50;

    private static ConfigurableApplicationContext service;
    private static CommandGateway commands;

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        infra.createTopics("icss.audit.events-" + run);
        String database = infra.createDatabase("audit_loading");
        service = AuditServiceApplication.application().sources(CountingReads.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=icss.audit.events-" + run,
                "--spring.main.banner-mode=off");
        commands = service.getBean(CommandGateway.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theHundredthAuditOfAnOrganisationReadsNoEventsFromTheStore() {
        OrganisationId org = organisationWithAudits(99);

        Reads reads = CountingReads.count(() -> commands.sendAndWait(audit(org, 100)));

        assertThat(reads.events()).as("events read for the 100th audit").isZero();
        assertThat(reads.snapshots()).isZero();
        assertThat(auditsOf(org)).isEqualTo(100);
    }

    @Test
    void anOrganisationNotInTheCacheLoadsFromItsSnapshotAndTheEventsAfterIt() {
        OrganisationId org = organisationWithAudits(99);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT coalesce(max(sequence_number), -1) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, org.value()) >= SNAPSHOT_EVERY);
        service.getBean("organisationCache", Cache.class).removeAll(); // as after a restart

        Reads duplicate = CountingReads.count(() -> assertThatThrownBy(() -> commands.sendAndWait(audit(org, 10)))
                .as("the snapshot knows the audits before it").isInstanceOf(Rejected.class)
                .hasMessageContaining("already recorded"));
        assertThat(duplicate.snapshots()).as("snapshots read").isEqualTo(1);
        assertThat(duplicate.events()).as("events read after the snapshot").isLessThan(SNAPSHOT_EVERY);

        Reads reads = CountingReads.count(() -> commands.sendAndWait(audit(org, 100)));

        assertThat(reads.snapshots()).as("snapshots read").isEqualTo(1);
        assertThat(reads.events()).as("events read after the snapshot").isLessThan(SNAPSHOT_EVERY);
        assertThat(auditsOf(org)).isEqualTo(100);

        Reads cached = CountingReads.count(() -> commands.sendAndWait(audit(org, 101)));
        assertThat(cached.events() + cached.snapshots()).as("the next command finds it cached").isZero();
    }

    /**
     * Another replica on the same database appends an audit to an organisation this one has cached: a correction of
     * that audit here is accepted (the cache entry is behind the store, so the organisation is loaded afresh), not
     * refused for an audit the stale entry does not know.
     */
    @Test
    void anAuditAppendedByAnotherReplicaIsSeenByTheNextCommand() {
        OrganisationId org = organisationWithAudits(3);
        AuditScored elsewhere = new AuditScored(org, EventIds.of(AuditScored.class, org.value(), "elsewhere"),
                LocalDate.of(2021, 6, 1), Instant.now(), MemberBody.CSIAU, "elsewhere", ICSS_2020.version(),
                AuditType.ANNUAL, "Other Replica", scores(7), Map.of());
        EventStore store = service.getBean(EventStore.class);
        service.getBean(TransactionTemplate.class).executeWithoutResult(status -> store.publish(
                new GenericDomainEventMessage<>("Organisation", org.value(), 4, elsewhere)));

        commands.sendAndWait(new CorrectAudit(org, "elsewhere", UUID.randomUUID().toString(), scores(8),
                "transcription error", Instant.now()));

        assertThat(service.getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, org.value()))
                .isEqualTo(6);
    }

    /**
     * The ownership check of a write asks the database once per organisation: the registering member body never
     * changes, so it is remembered (here it stays known after its row is gone); an organisation not found yet is
     * asked again, so one registered a moment later is found.
     */
    @Test
    void anOrganisationsOwnerIsLookedUpOnceAndANotYetRegisteredOneIsAskedAgain() {
        OrganisationRegistrations registrations = service.getBean(OrganisationRegistrations.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        OrganisationId org = OrganisationId.random();

        assertThat(registrations.registeredBy(org.value())).isEmpty();
        jdbc.update("INSERT INTO organisation_registration (organisation_id, member_body, normalised_name, country) "
                + "VALUES (?, 'HKCSC', ?, 'HK')", org.value(), "owner " + org.value());
        assertThat(registrations.registeredBy(org.value())).contains(MemberBody.HKCSC);

        jdbc.update("DELETE FROM organisation_registration WHERE organisation_id = ?", org.value());
        assertThat(registrations.registeredBy(org.value())).as("remembered").contains(MemberBody.HKCSC);
    }

    private static OrganisationId organisationWithAudits(int audits) {
        OrganisationId org = OrganisationId.random();
        commands.sendAndWait(new RegisterOrganisation(org, MemberBody.CSIAU, "Loading Ltd " + org.value(), "AU",
                LocalDate.of(2015, 1, 1), Instant.now()));
        for (int i = 1; i <= audits; i++) {
            commands.sendAndWait(audit(org, i));
        }
        return org;
    }

    private static ScoreAudit audit(OrganisationId org, int n) {
        return new ScoreAudit(org, "audit-" + n, ICSS_2020, n == 1 ? AuditType.CERTIFICATION : AuditType.ANNUAL,
                LocalDate.of(2020, 1, 1).plusWeeks(n), "J. Auditor", scores(7), Instant.now());
    }

    private static int auditsOf(OrganisationId org) {
        return service.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%AuditScored'", Integer.class, org.value());
    }

    private static Map<String, Integer> scores(int score) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        ICSS_2020.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }

    record Reads(int events, int snapshots) {
    }

    /** Counts the events and snapshots the event store reads for aggregates on the test's thread. */
    @Configuration(proxyBeanMethods = false)
    static class CountingReads {

        private static final AtomicInteger EVENTS = new AtomicInteger();
        private static final AtomicInteger SNAPSHOTS = new AtomicInteger();
        private static volatile Thread watched;

        static synchronized Reads count(Runnable command) {
            EVENTS.set(0);
            SNAPSHOTS.set(0);
            watched = Thread.currentThread();
            try {
                command.run();
            } finally {
                watched = null;
            }
            return new Reads(EVENTS.get(), SNAPSHOTS.get());
        }

        @Bean
        static BeanPostProcessor countingEventStorageEngine() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof EventStorageEngine engine)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(EventStorageEngine.class.getClassLoader(),
                            new Class<?>[]{EventStorageEngine.class}, (proxy, method, args) -> {
                                Object result;
                                try {
                                    result = method.invoke(engine, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                                if (Thread.currentThread() != watched) {
                                    return result;
                                }
                                if (method.getName().equals("readSnapshot")
                                        && result instanceof java.util.Optional<?> snapshot && snapshot.isPresent()) {
                                    SNAPSHOTS.incrementAndGet();
                                }
                                if (method.getName().equals("readEvents") && args.length >= 1
                                        && args[0] instanceof String && result instanceof DomainEventStream events) {
                                    return events.filter(event -> {
                                        EVENTS.incrementAndGet();
                                        return true;
                                    });
                                }
                                return result;
                            });
                }
            };
        }
    }
}
