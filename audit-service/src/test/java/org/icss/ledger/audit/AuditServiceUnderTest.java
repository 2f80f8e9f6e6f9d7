package org.icss.ledger.audit;

import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.TestKeys;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** audit-service as its tests run it: its own Spring context on a fresh database, publishing to a fresh topic. */
public final class AuditServiceUnderTest {

    private AuditServiceUnderTest() {
    }

    /**
     * Starts audit-service on a random port with {@code keys} and {@code extraArgs} ({@code --name=value}).
     *
     * @param database the prefix of its fresh database
     */
    public static ConfigurableApplicationContext start(LedgerInfrastructure infra, String database,
                                                       List<TestKeys.Key> keys, String... extraArgs) {
        String topic = "icss.audit.events-" + UUID.randomUUID().toString().substring(0, 8);
        infra.createTopics(topic);
        String created = infra.createDatabase(database);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(created),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + topic,
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArgs));
        return AuditServiceApplication.application().run(TestKeys.withKeys(keys, args.toArray(String[]::new)));
    }
}
