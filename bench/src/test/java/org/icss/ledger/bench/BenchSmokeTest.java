package org.icss.ledger.bench;

import org.icss.ledger.audit.AuditServiceApplication;
import org.icss.ledger.awards.AwardsServiceApplication;
import org.icss.ledger.certification.CertificationServiceApplication;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke mode of the harness against the four services started in this JVM (fresh databases and topics, the local
 * profile's development keys, the bare endpoint on, no rate limit), so the harness keeps working. Checks that every
 * section of the report is there with numbers and that the pipeline did its work; it does not judge any timing.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class BenchSmokeTest {

    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static final Map<String, String> databases = new LinkedHashMap<>();
    private static LedgerInfrastructure infra;
    private static String auditTopic;
    private static String certificationTopic;
    private static String awardsTopic;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infrastructure) {
        infra = infrastructure;
        String run = UUID.randomUUID().toString().substring(0, 8);
        auditTopic = "icss.audit.events-" + run;
        certificationTopic = "icss.certification.events-" + run;
        awardsTopic = "icss.awards.events-" + run;
        infra.createTopics(auditTopic, certificationTopic, awardsTopic);
        start("audit-service", AuditServiceApplication::application, auditTopic, List.of(certificationTopic));
        start("certification-service", CertificationServiceApplication::application, certificationTopic,
                List.of(auditTopic));
        start("awards-service", AwardsServiceApplication::application, awardsTopic, List.of(auditTopic));
        start("registry-query", RegistryQueryApplication::application, "unused-" + run,
                List.of(auditTopic, certificationTopic, awardsTopic));
    }

    private static void start(String name, Supplier<SpringApplicationBuilder> application, String publishTopic,
                              List<String> consumeTopics) {
        String database = infra.createDatabase("bench_" + name.replace('-', '_'));
        databases.put(name, database);
        services.add(application.get().run(
                "--spring.profiles.active=local",
                "--spring.main.banner-mode=off",
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + publishTopic,
                "--icss.kafka.consume-topics=" + String.join(",", consumeTopics),
                "--icss.schedule.first-advance-after=P1D",
                "--icss.web.rate-limit.enabled=false",
                "--icss.bench.enabled=true"));
    }

    @AfterAll
    static void stopLedger() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private static boolean wrkInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    private static String url(int index) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) services.get(index)).getWebServer().getPort();
    }

    @Test
    void smokeModeWritesEverySectionWithNumbers(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("BENCHMARKS.md");
        String scratch = infra.createDatabase("bench_scratch");
        BenchConfig config = BenchConfig.from(new String[]{
                "--mode=smoke",
                "--out=" + output,
                "--command=BenchSmokeTest",
                "--audit-url=" + url(0),
                "--registry-url=" + url(3),
                "--audit-jdbc=" + infra.jdbcUrl(databases.get("audit-service")),
                "--certification-jdbc=" + infra.jdbcUrl(databases.get("certification-service")),
                "--registry-jdbc=" + infra.jdbcUrl(databases.get("registry-query")),
                "--scratch-jdbc=" + infra.jdbcUrl(scratch),
                "--pg-user=" + infra.username(),
                "--pg-password=" + infra.password(),
                "--kafka=" + infra.kafkaBootstrapServers(),
                "--audit-topic=" + auditTopic,
                "--certification-topic=" + certificationTopic,
                "--awards-topic=" + awardsTopic,
                "--kafka-version=in-process test broker",
                "--pids=test JVM (all four services)=" + ProcessHandle.current().pid(),
                "--read-duration=PT1S",
                "--scale-sizes=50",
                "--scale-budget-seconds=240",
                "--work-dir=" + folder.resolve("work"),
        }, Map.of());

        Bench.run(config);

        String report = Files.readString(output);
        assertThat(report).doesNotContain("failed:");
        assertThat(report).contains("## Summary", "## 1. Event store append", "## 2. Sustained ingest",
                "## 3. Freshness", "## 5. Projection rebuild", "## 6. Resident memory",
                "## 8. The 1st vs the 100th audit of one organisation", "| raw JDBC, one row per transaction |",
                "## Machine", "## Command", "BenchSmokeTest");
        assertThat(report).containsPattern("\\| 1 \\| event store append [^\\n]*\\| \\d+ events/s \\| \\d+ rows/s");
        assertThat(report).containsPattern("\\| 2 \\| sustained ingest [^\\n]*\\| \\d+ audits/s held");
        assertThat(report).containsPattern("\\| 3 \\| freshness[^\\n]*\\| p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms");
        if (wrkInstalled() || System.getenv("CI") != null) {
            // the reads with wrk (4) and the scale phase (7): CI installs wrk, as deploy/bench.sh does
            assertThat(report).contains("## 4. Registry reads (wrk)", "## 7. Scale");
            assertThat(report).containsPattern("\\| 4 \\| registry standing lookup \\(wrk, 8 connections\\) \\| "
                    + "\\d+ req/s, p50 \\d+\\.\\d+ ms, p99 \\d+\\.\\d+ ms[^|]*\\| bare endpoint \\d+ req/s");
            assertThat(report).containsPattern("\\| 7 \\| at 50 organisations: search p99[^\\n]*\\| search by \\w+");
            assertThat(report).containsPattern("\\| 7 \\| at 50 organisations: replay of the whole history");
            assertThat(report).containsPattern("\\| 50 \\| \\d+ \\| \\d+ \\| \\d+ \\| [\\d.]+ s \\| [\\d.]+ s \\|");
        } else {
            assertThat(report).contains("wrk was not found");
        }
        assertThat(report).containsPattern("\\| 5 \\| projection rebuild[^\\n]*\\| \\d+ events/s \\| \\d+ events/s");
        assertThat(report).containsPattern("\\| 6 \\| resident memory[^\\n]*\\| \\d+ MiB");
        assertThat(report).containsPattern("\\| 8 \\| the 1st vs the 100th audit[^\\n]*\\| 100th: \\d+\\.\\d ms "
                + "\\| 1st: \\d+\\.\\d ms \\| \\d+\\.\\d\\dx");
        assertThat(report).contains("## 9. Bulk import", "## 10. Webhook notifications");
        // the standing changes reached the subscribers (http targets on this machine: the local profile)
        assertThat(report).containsPattern("\\| 10 \\| webhook delivery lag[^\\n]*\\| p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms "
                + "\\| from the registry's announcement p99 \\d+\\.\\d ms \\| \\d+ % delivered");
        assertThat(report).containsPattern("\\| 9 \\| bulk import, reports recorded[^\\n]*\\| \\d+ reports/s \\| \\d+ event rows/s");
        assertThat(report).containsPattern("\\| 9 \\| bulk import, reports through to the registry \\| \\d+ reports/s \\|");
        // the pipeline did its work: every Gold audit reached the registry, the replay switched over
        assertThat(report).containsPattern("\\| \\d+/s \\| \\d+ \\| \\d+ \\| 0 \\| \\d+\\.\\d \\|"); // freshness: none unseen
        // where the CPU went during the ingest: the services, PostgreSQL and the machine, per audit
        assertThat(report).contains("Where the CPU went during each step");
        // first the cores used at rest before the ladder, then per step CPU s, cores, ms per audit, ms above rest
        assertThat(report).contains("| at rest: cores |");
        assertThat(report).containsPattern("\\| test JVM \\(all four services\\) \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\| "
                + "\\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\|");
        assertThat(report).containsPattern("\\| postgresql \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\|");
        assertThat(report).contains("| replay (SWITCHED)");
        assertThat(report).containsPattern("\\| PostgreSQL \\| PostgreSQL \\d+");
    }
}
