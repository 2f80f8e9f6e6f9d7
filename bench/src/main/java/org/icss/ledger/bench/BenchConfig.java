package org.icss.ledger.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the system under test is and how long each phase runs. Read from {@code --name=value} arguments, then
 * {@code ICSS_BENCH_*} / {@code ICSS_PG_*} environment variables, then the defaults of the local run
 * ({@code deploy/bench.sh}). {@link Mode#SMOKE} runs every phase for a couple of seconds at low rates: it checks
 * that the harness works, its figures mean nothing.
 */
public record BenchConfig(
        Mode mode,
        Path output,
        String command,
        String auditUrl,
        String registryUrl,
        String auditJdbcUrl,
        String certificationJdbcUrl,
        String registryJdbcUrl,
        String scratchJdbcUrl,
        String pgUser,
        String pgPassword,
        String kafkaBootstrap,
        String auditTopic,
        String certificationTopic,
        String awardsTopic,
        String kafkaVersion,
        Map<String, Long> pids,
        String complianceKey,
        Map<String, String> memberBodyKeys,
        // phase settings
        int appendThreads,
        Duration appendDuration,
        int orgPool,
        List<Integer> ingestRates,
        int ingestStart,
        Duration ingestHold,
        List<Integer> freshnessRates,
        Duration freshnessDuration,
        Duration rebuildCap,
        int bulkReports,
        Duration bulkCap,
        int historyOrganisations,
        Duration budget,
        // reads (wrk) and the scale phase
        String wrk,
        Path workDir,
        Duration readDuration,
        Duration readTimeout,
        List<Integer> scaleSizes,
        long scaleSeed,
        Duration scaleLoadCap,
        Duration scaleReplayCap,
        Duration scaleBudget,
        boolean scalePause,
        // (10) webhook notifications: standing changes per second, subscribers, how long
        int notificationRate,
        int notificationSubscribers,
        Duration notificationDuration,
        // the phases to run (ICSS_BENCH_PHASES, e.g. "2,3"; empty: all of them)
        java.util.Set<Integer> phases) {

    /** Whether phase {@code n} (1 to 10, as numbered in the report) is to run. */
    public boolean runs(int n) {
        return phases.isEmpty() || phases.contains(n);
    }

    public enum Mode { FULL, SMOKE }

    public static final List<String> MEMBER_BODIES = List.of("APCSC", "HKCSC", "CSIA", "HICS", "CSIAU");

    public boolean smoke() {
        return mode == Mode.SMOKE;
    }

    public List<String> topics() {
        return List.of(auditTopic, certificationTopic, awardsTopic);
    }

    /** Parses {@code --name=value} arguments over the environment and the local run's defaults. */
    public static BenchConfig from(String[] args, Map<String, String> env) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Settings s = new Settings(a, env);
        Mode mode = Mode.valueOf(s.get("mode", "ICSS_BENCH_MODE", "full").toUpperCase());
        boolean smoke = mode == Mode.SMOKE;
        String pgHost = s.get("pg-host", "ICSS_PG_HOST", "127.0.0.1");
        String pgPort = s.get("pg-port", "ICSS_PG_PORT", "5432");
        String prefix = s.get("db-prefix", "ICSS_DB_PREFIX", "icss_bench");
        String jdbc = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/";
        Map<String, Long> pids = new LinkedHashMap<>();
        String pidsDir = s.get("pids-dir", "ICSS_BENCH_PIDS_DIR", "");
        if (!pidsDir.isBlank()) {
            pids.putAll(Memory.pidsIn(Path.of(pidsDir)));
        }
        for (String entry : s.get("pids", "ICSS_BENCH_PIDS", "").split(",")) {
            if (entry.contains("=")) {
                pids.put(entry.substring(0, entry.indexOf('=')), Long.parseLong(entry.substring(entry.indexOf('=') + 1)));
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String body : MEMBER_BODIES) {
            keys.put(body, s.get("key-" + body.toLowerCase(), "ICSS_KEY_" + body, "dev-" + body.toLowerCase() + "-key"));
        }
        List<Integer> rates = new ArrayList<>();
        List<Integer> freshnessRates = new ArrayList<>();
        for (String rate : s.get("freshness-rates", "ICSS_BENCH_FRESHNESS_RATES", smoke ? "20" : "100,200").split(",")) {
            if (!rate.isBlank()) {
                freshnessRates.add(Integer.parseInt(rate.strip()));
            }
        }
        for (String rate : s.get("ingest-rates", "ICSS_BENCH_INGEST_RATES", smoke ? "10,20,40" : "50,100,250,500,1000,1500,2000")
                .split(",")) {
            rates.add(Integer.parseInt(rate.strip()));
        }
        return new BenchConfig(
                mode,
                Path.of(s.get("out", "ICSS_BENCH_OUT", "BENCHMARKS.md")),
                s.get("command", "ICSS_BENCH_COMMAND", "deploy/bench.sh"),
                s.get("audit-url", "ICSS_BENCH_AUDIT_URL", "http://127.0.0.1:8081"),
                s.get("registry-url", "ICSS_BENCH_REGISTRY_URL", "http://127.0.0.1:8080"),
                s.get("audit-jdbc", "ICSS_BENCH_AUDIT_JDBC", jdbc + prefix + "_audit"),
                s.get("certification-jdbc", "ICSS_BENCH_CERTIFICATION_JDBC", jdbc + prefix + "_certification"),
                s.get("registry-jdbc", "ICSS_BENCH_REGISTRY_JDBC", jdbc + prefix + "_registry"),
                s.get("scratch-jdbc", "ICSS_BENCH_SCRATCH_JDBC", jdbc + prefix + "_scratch"),
                s.get("pg-user", "ICSS_PG_USER", "icss"),
                s.get("pg-password", "ICSS_PG_PASSWORD", "icss"),
                s.get("kafka", "ICSS_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                s.get("audit-topic", "ICSS_BENCH_AUDIT_TOPIC", "icss.audit.events"),
                s.get("certification-topic", "ICSS_BENCH_CERTIFICATION_TOPIC", "icss.certification.events"),
                s.get("awards-topic", "ICSS_BENCH_AWARDS_TOPIC", "icss.awards.events"),
                s.get("kafka-version", "ICSS_BENCH_KAFKA_VERSION", ""),
                pids,
                s.get("key-compliance", "ICSS_KEY_COMPLIANCE", "dev-compliance-key"),
                keys,
                Integer.parseInt(s.get("append-threads", "ICSS_BENCH_APPEND_THREADS", "8")),
                Duration.parse(s.get("append-duration", "ICSS_BENCH_APPEND_DURATION", smoke ? "PT2S" : "PT15S")),
                Integer.parseInt(s.get("org-pool", "ICSS_BENCH_ORG_POOL", smoke ? "20" : "3000")),
                List.copyOf(rates),
                Integer.parseInt(s.get("ingest-start", "ICSS_BENCH_INGEST_START", smoke ? "20" : "250")),
                Duration.parse(s.get("ingest-hold", "ICSS_BENCH_INGEST_HOLD", smoke ? "PT2S" : "PT60S")),
                freshnessRates,
                Duration.parse(s.get("freshness-duration", "ICSS_BENCH_FRESHNESS_DURATION", smoke ? "PT2S" : "PT20S")),
                Duration.parse(s.get("rebuild-cap", "ICSS_BENCH_REBUILD_CAP", smoke ? "PT60S" : "PT120S")),
                Integer.parseInt(s.get("bulk-reports", "ICSS_BENCH_BULK_REPORTS", smoke ? "160" : "10000")),
                Duration.parse(s.get("bulk-cap", "ICSS_BENCH_BULK_CAP", smoke ? "PT60S" : "PT180S")),
                Integer.parseInt(s.get("history-orgs", "ICSS_BENCH_HISTORY_ORGS", smoke ? "2" : "20")),
                Duration.ofSeconds(Long.parseLong(s.get("budget-seconds", "ICSS_BENCH_BUDGET_SECONDS",
                        smoke ? "300" : "480"))),
                s.get("wrk", "ICSS_BENCH_WRK", "wrk"),
                Path.of(s.get("work-dir", "ICSS_BENCH_WORK_DIR", System.getProperty("java.io.tmpdir")
                        + "/icss-bench-" + ProcessHandle.current().pid())),
                Duration.parse(s.get("read-duration", "ICSS_BENCH_READ_DURATION", smoke ? "PT2S" : "PT10S")),
                Duration.parse(s.get("read-timeout", "ICSS_BENCH_READ_TIMEOUT", "PT10S")),
                integers(s.get("scale-sizes", "ICSS_BENCH_SCALE_SIZES", smoke ? "200" : "1000,100000")),
                Long.parseLong(s.get("scale-seed", "ICSS_BENCH_SCALE_SEED", "15")),
                Duration.parse(s.get("scale-load-cap", "ICSS_BENCH_SCALE_LOAD_CAP", smoke ? "PT3M" : "PT60M")),
                Duration.parse(s.get("scale-replay-cap", "ICSS_BENCH_SCALE_REPLAY_CAP", smoke ? "PT1M" : "PT20M")),
                Duration.ofSeconds(Long.parseLong(s.get("scale-budget-seconds", "ICSS_BENCH_SCALE_BUDGET_SECONDS",
                        smoke ? "400" : "7200"))),
                Boolean.parseBoolean(s.get("scale-pause", "ICSS_BENCH_SCALE_PAUSE", "true")),
                Integer.parseInt(s.get("notification-rate", "ICSS_BENCH_NOTIFICATION_RATE", smoke ? "20" : "100")),
                Integer.parseInt(s.get("notification-subscribers", "ICSS_BENCH_NOTIFICATION_SUBSCRIBERS",
                        smoke ? "3" : "10")),
                Duration.parse(s.get("notification-duration", "ICSS_BENCH_NOTIFICATION_DURATION",
                        smoke ? "PT3S" : "PT30S")),
                java.util.Set.copyOf(integers(s.get("phases", "ICSS_BENCH_PHASES", ""))));
    }

    /** Comma-separated whole numbers ("1000,100000"; "" or "0": none), in ascending order. */
    private static List<Integer> integers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String value : list.split(",")) {
            if (!value.isBlank() && Integer.parseInt(value.strip().replace("_", "")) > 0) {
                values.add(Integer.parseInt(value.strip().replace("_", "")));
            }
        }
        values.sort(null);
        return List.copyOf(values);
    }

    private record Settings(Map<String, String> args, Map<String, String> env) {
        String get(String arg, String envName, String fallback) {
            String value = args.get(arg);
            if (value == null) {
                value = env.get(envName);
            }
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
