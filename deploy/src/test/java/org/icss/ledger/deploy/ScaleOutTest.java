package org.icss.ledger.deploy;

import org.icss.ledger.deploy.LedgerSystem.Backing;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of certification-service on one database and one broker share the audit topic: its tracking
 * processor has two segments, each instance works one (SegmentBalancer), each event is handled by exactly one
 * instance and none is missed; when one instance stops, the other takes its segment over. Both run the daily
 * advance, which announces nothing twice.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ScaleOutTest {

    private static final String PROCESSOR = "audit-events";

    @Test
    void twoInstancesShareTheWorkWithNoEventHandledTwiceAndNoneMissed(LedgerInfrastructure infra) throws Exception {
        long started = System.nanoTime();
        try (LedgerSystem ledger = LedgerSystem.start(Backing.of(infra), Clock.systemUTC(),
                "--icss.processing.segments=2", "--icss.processing.balance-every=PT1S")) {
            ledger.startReplica("certification-service", "certification-service-2");
            JdbcTemplate certification = ledger.database("certification-service");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> owners(certification).size() == 2);

            Workload workload = new Workload(ledger).register(8);
            workload.post(32);
            Workload.Counts counts = workload.assertNothingLostOrDoubled();

            long records = workload.topicRecords(ledger.topic("audit-service"));
            await().atMost(Duration.ofSeconds(60)).until(() -> handledByBoth(ledger) >= records);
            double first = FaultToleranceTest.handled(ledger, "certification-service", PROCESSOR);
            double second = FaultToleranceTest.handled(ledger, "certification-service-2", PROCESSOR);
            assertThat(first).as("events handled by the first instance").isPositive();
            assertThat(second).as("events handled by the second instance").isPositive();
            assertThat(first + second).as("each of the topic's records handled by exactly one instance")
                    .isEqualTo((double) records);

            // one instance leaves: it releases its segment and the other takes it over
            ledger.stop("certification-service-2");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> owners(certification).size() == 1 && unclaimed(certification) == 0);
            workload.post(16);
            Workload.Counts after = workload.assertNothingLostOrDoubled();

            // both replicas' schedulers advanced at once: nothing announced twice
            ledger.startReplica("certification-service", "certification-service-3");
            var one = new Thread(() -> ledger.post("certification-service", "/api/v1/operations/advance", null));
            var two = new Thread(() -> ledger.post("certification-service-3", "/api/v1/operations/advance", null));
            one.start();
            two.start();
            one.join();
            two.join();
            assertThat(workload.assertNothingLostOrDoubled().goldAwarded()).isEqualTo(after.goldAwarded());

            System.out.printf("SCALE-OUT: %.1f s; first instance handled %.0f, second %.0f of %d audit-topic records;"
                            + " then %d accepted audits in all, %d GoldAwarded, after the second instance stopped%n",
                    (System.nanoTime() - started) / 1e9, first, second, records, after.accepted(),
                    after.goldAwarded());
            assertThat(counts.accepted()).isEqualTo(32);
        }
    }

    private static List<String> owners(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT DISTINCT owner FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                String.class, PROCESSOR);
    }

    private static int unclaimed(JdbcTemplate jdbc) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NULL",
                Integer.class, PROCESSOR);
        return count == null ? 0 : count;
    }

    private static double handledByBoth(LedgerSystem ledger) {
        return FaultToleranceTest.handled(ledger, "certification-service", PROCESSOR)
                + FaultToleranceTest.handled(ledger, "certification-service-2", PROCESSOR);
    }
}
