package org.icss.ledger.bench;

import org.apache.kafka.common.utils.AppInfoParser;
import org.icss.ledger.bench.Ledger.Org;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: runs the ten measurements against a running ICSS Ledger (deploy/bench.sh starts one on
 * fresh databases) and writes BENCHMARKS.md. Each phase is bounded; a phase that fails is reported as such and the
 * others still run. Arguments: see {@link BenchConfig}.
 */
public final class Bench {

    /**
     * Registrations in flight while a phase is set up: at most what audit-service admits at once
     * ({@code icss.web.writes.max-concurrent}, 16), so setting up does not trip its back-pressure.
     */
    private static final int REGISTERING_CONCURRENCY = 16;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.from(args, System.getenv());
        Path written = run(config);
        log("wrote %s", written.toAbsolutePath());
    }

    /** Runs every phase and writes the report; returns its path. */
    public static Path run(BenchConfig config) throws IOException {
        long t0 = System.nanoTime();
        long deadline = t0 + config.budget().toNanos();
        Report report = new Report();
        report.command = config.command();
        report.mode = config.mode().name().toLowerCase();
        report.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        report.hold = config.ingestHold().toSeconds() + " s";
        report.readSeconds = Long.toString(config.readDuration().toSeconds());
        report.tuning = tuningNotes();
        if (config.smoke()) {
            report.notes.add("Smoke mode: every phase for a couple of seconds at low rates, to keep the harness "
                    + "working. These figures mean nothing.");
        }
        machine(report, config, "start");
        Thread partial = new Thread(() -> {
            report.notes.add("The run was stopped before its end (time cap); phases not shown did not run.");
            write(report, config, t0);
        }, "bench-partial-report");
        Runtime.getRuntime().addShutdownHook(partial);

        if (!config.phases().isEmpty()) {
            report.notes.add("Only the phases " + config.phases().stream().sorted().toList()
                    + " ran (ICSS_BENCH_PHASES); the others are not shown.");
        }
        if (config.runs(1)) try {
            log("(1) append: Axon JDBC event store vs raw JDBC, one row per transaction and batches, %d threads, %s each",
                    config.appendThreads(), config.appendDuration());
            report.append = new AppendBench(config).run();
            log("    Axon %.0f events/s, raw %.0f rows/s one per transaction, %.0f rows/s in batches",
                    report.append.axonRate(), report.append.singleRowRate(), report.append.rawRate());
        } catch (Exception e) {
            fail(report, "append", e);
        }

        try (Ledger ledger = new Ledger(config)) {
            report.machine.put("PostgreSQL", ledger.postgresVersion());
            report.peakRss(Memory.sample(config.pids()));
            SystemBench system = new SystemBench(ledger);
            Duration registering = Duration.ofSeconds(config.smoke() ? 60 : 30);
            Duration draining = Duration.ofSeconds(config.smoke() ? 30 : 30);

            // (8) before the others load the system: the 1st against the 100th audit of an organisation
            if (config.runs(8)) try {
                log("(8) history: the 1st vs the 100th audit of an organisation, %d organisations",
                        config.historyOrganisations());
                report.history = new HistoryBench(ledger).run(config.historyOrganisations(),
                        System.nanoTime() + Duration.ofSeconds(config.smoke() ? 60 : 120).toNanos());
                log("    1st p50 %.1f ms, 100th p50 %.1f ms (%.2fx)", report.history.firstP50(),
                        report.history.hundredthP50(), report.history.ratio());
            } catch (Exception e) {
                fail(report, "history", e);
            }
            report.peakRss(Memory.sample(config.pids()));

            // (3) first: its new organisations, Gold afterwards, are what (4) looks up; one slice of them per rate
            List<Org> fresh = List.of();
            if (config.runs(3) || config.runs(4)) try {
                long seconds = config.freshnessDuration().toSeconds();
                int count = config.freshnessRates().stream().mapToInt(rate -> (int) (rate * seconds) + 1).sum();
                log("(3) freshness: registering %d new organisations", count);
                fresh = ledger.register("Bench fresh", count, REGISTERING_CONCURRENCY, System.nanoTime() + registering.toNanos());
                if (fresh.size() < count) {
                    report.notes.add("Freshness had " + fresh.size() + " new organisations, not " + count + ": only "
                            + fresh.size() + " were registered within " + registering.toSeconds()
                            + " s, so the last rates ran shorter than " + seconds + " s.");
                }
                int from = 0;
                for (int rate : config.runs(3) ? config.freshnessRates() : List.<Integer>of()) {
                    int to = Math.min(fresh.size(), from + (int) (rate * seconds) + 1);
                    if (to - from < rate) {
                        report.notes.add("Freshness at " + rate + " audits/s did not run: too few new organisations.");
                        continue;
                    }
                    system.drain(draining);
                    log("    posting a Gold audit for each at %d/s for %s", rate, config.freshnessDuration());
                    SystemBench.Freshness measured = system.freshness(fresh.subList(from, to), rate);
                    report.freshness.add(measured);
                    log("    seen %d of %d, p99 %.1f ms", measured.seen(), measured.posted(),
                            measured.latency().getTotalCount() == 0 ? Double.NaN
                                    : measured.latency().getValueAtPercentile(99) / 1000.0);
                    from = to;
                }
            } catch (RuntimeException e) {
                fail(report, "freshness", e);
            }
            report.peakRss(Memory.sample(config.pids()));

            // (4) with wrk, replacing the JVM client's open-loop lookup: the C load generator leaves the cores to
            // the services, and wrk's closed loop at 8 and 32 connections gives throughput and latency together
            Wrk wrk = Wrk.find(config.wrk(), config.registryUrl(), config.workDir().resolve("wrk"),
                    config.readTimeout()).orElse(null);
            if (wrk == null) {
                report.notes.add("wrk was not found (`" + config.wrk() + "`; Debian package wrk, which deploy/bench.sh "
                        + "installs when it can): the read phases (4) and (7) did not run.");
            }
            ReadBench reads = wrk == null ? null : new ReadBench(ledger, wrk);
            if (reads != null && !fresh.isEmpty() && config.runs(4)) {
                log("(4) reads with wrk: bare endpoint and standing, 8 and 32 connections, %s each; conditional GET",
                        config.readDuration());
                try {
                    system.drain(draining);
                    report.reads = reads.lookup(fresh.stream().map(Org::id).toList());
                } catch (RuntimeException e) {
                    fail(report, "reads", e);
                }
                report.peakRss(Memory.sample(config.pids()));
            }

            if (config.runs(9)) try {
                log("(9) bulk import: %d reports in one import per member body", config.bulkReports());
                system.drain(draining);
                report.bulk = new BulkBench(ledger).run(config.bulkReports(), config.bulkCap());
                log("    recorded %.0f reports/s, through to the registry %.0f reports/s, raw batches %.0f rows/s",
                        report.bulk.recordedRate(), report.bulk.throughRate(), report.bulk.rawRate());
            } catch (RuntimeException e) {
                fail(report, "bulk import", e);
            }
            report.peakRss(Memory.sample(config.pids()));

            if (config.runs(10)) try {
                log("(10) webhook notifications: %d standing changes/s to %d subscribers for %s",
                        config.notificationRate(), config.notificationSubscribers(), config.notificationDuration());
                system.drain(draining);
                report.notifications = new NotificationBench(ledger).run(config.notificationSubscribers(),
                        config.notificationRate(), config.notificationDuration(), Duration.ofSeconds(60));
                log("    received %d of %d, end to end p99 %.1f ms", report.notifications.received(),
                        report.notifications.expectedDeliveries(),
                        report.notifications.endToEnd().getTotalCount() == 0 ? Double.NaN
                                : report.notifications.endToEnd().getValueAtPercentile(99) / 1000.0);
            } catch (Exception e) {
                fail(report, "notifications", e);
            }
            report.peakRss(Memory.sample(config.pids()));

            // (2) takes what time is left but what (5) needs
            List<Org> pool = List.of();
            if (config.runs(2)) try {
                log("registering %d organisations for the ingest pool", config.orgPool());
                long r0 = System.nanoTime();
                pool = ledger.register("Bench pool", config.orgPool(), REGISTERING_CONCURRENCY, System.nanoTime() + registering.toNanos());
                log("    %d registered in %.1f s", pool.size(), (System.nanoTime() - r0) / 1e9);
                system.drain(draining);
            } catch (RuntimeException e) {
                fail(report, "registration of the ingest pool", e);
            }
            if (!pool.isEmpty()) {
                log("(2) ingest ladder %s from %d/s, each held %s", config.ingestRates(), config.ingestStart(),
                        config.ingestHold());
                try {
                    // the registration above ended with a drain: what runs now is the system's own work
                    Map<String, Double> rest = system.atRest(Duration.ofSeconds(config.smoke() ? 2 : 15));
                    log("    at rest before the ladder: machine %.2f cores busy",
                            rest.getOrDefault(CpuTime.MACHINE_BUSY, Double.NaN));
                    report.ingest = ingest(system, pool, config, deadline, rest);
                } catch (RuntimeException e) {
                    fail(report, "ingest", e);
                }
                report.peakRss(Memory.sample(config.pids()));
            }

            if (config.runs(5)) try {
                log("(5) rebuild: replay of every topic vs raw read-and-apply");
                system.drain(draining);
                long left = (deadline - System.nanoTime()) / 1_000_000_000 - 10;
                report.rebuild = system.rebuild(Duration.ofSeconds(Math.max(10,
                        Math.min(config.rebuildCap().toSeconds(), left / 2))));
                log("    replay %.0f events/s, raw %.0f events/s", report.rebuild.rate(), report.rebuild.rawRate());
            } catch (RuntimeException e) {
                fail(report, "rebuild", e);
            }
            report.peakRss(Memory.sample(config.pids()));

            // (7) last: it grows the registry to 100,000 organisations, which every phase above would then see
            if (reads != null && !config.scaleSizes().isEmpty() && config.runs(7)) {
                log("(7) scale: %s organisations, histories published onto the topics", config.scaleSizes());
                long scaleDeadline = System.nanoTime() + config.scaleBudget().toNanos();
                try {
                    report.scale = new ScaleBench(ledger, system, reads).run(scaleDeadline,
                            sofar -> report.scale = sofar);
                } catch (RuntimeException e) {
                    fail(report, "scale", e);
                }
                report.peakRss(Memory.sample(config.pids()));
            }
        } finally {
            AppendBench.dropScratchDatabase(config);
        }
        Runtime.getRuntime().removeShutdownHook(partial);
        return write(report, config, t0);
    }

    private static synchronized Path write(Report report, BenchConfig config, long t0) {
        machine(report, config, "end");
        report.totalSeconds = (System.nanoTime() - t0) / 1e9;
        Path output = config.output();
        try {
            Files.writeString(output, report.markdown());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return output;
    }

    /**
     * The ladder starts at {@code ingestStart} (the target, 1,000/s): while a rate is held it goes up the configured
     * rates, and once one is not held it stops; if the first one is not held it goes down until one is. So the
     * highest rate held is found in two or three steps of {@code ingestHold}, not four.
     */
    private static SystemBench.Ingest ingest(SystemBench system, List<Org> pool, BenchConfig config, long deadline,
                                             Map<String, Double> restCores) {
        List<Integer> rates = config.ingestRates().stream().sorted().toList();
        int first = 0;
        for (int i = 0; i < rates.size(); i++) {
            if (Math.abs(rates.get(i) - config.ingestStart()) < Math.abs(rates.get(first) - config.ingestStart())) {
                first = i;
            }
        }
        long reserve = Duration.ofSeconds(config.smoke() ? 0 : 90).toNanos(); // what the rebuild needs
        List<SystemBench.Step> steps = new ArrayList<>();
        int index = first;
        Boolean goingUp = null;
        while (index >= 0 && index < rates.size()) {
            int rate = rates.get(index);
            long stepTime = config.ingestHold().toNanos() + Duration.ofSeconds(20).toNanos();
            if (System.nanoTime() + stepTime + reserve > deadline) {
                log("    no time left for %d/s within the budget; ladder stops", rate);
                break;
            }
            SystemBench.Step step = system.ingest(pool, List.of(rate)).steps().get(0);
            steps.add(step);
            if (goingUp == null) {
                goingUp = step.held();
            }
            if (step.held() != goingUp) {
                break; // up: the first rate not held; down: the first rate held
            }
            index += goingUp ? 1 : -1;
        }
        steps.sort(java.util.Comparator.comparingInt(SystemBench.Step::rate));
        return new SystemBench.Ingest(steps, restCores);
    }

    private static void machine(Report report, BenchConfig config, String when) {
        Map<String, String> m = report.machine;
        if (when.equals("start")) {
            m.put("CPU cores (available to the JVM)", Integer.toString(Runtime.getRuntime().availableProcessors()));
            m.put("CPU model", firstLine("/proc/cpuinfo", "model name"));
            m.put("memory", firstLine("/proc/meminfo", "MemTotal"));
            m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            m.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                    + Runtime.version());
            m.put("Kafka broker", config.kafkaVersion().isBlank() ? "(not given)" : config.kafkaVersion());
            m.put("Kafka clients", AppInfoParser.getVersion());
            m.put("service JVM options", System.getenv().getOrDefault("ICSS_JAVA_OPTS", "(see deploy/bench.sh)"));
        }
        m.put("load average at " + when + " (1, 5, 15 min)", firstLine("/proc/loadavg", ""));
    }

    private static String firstLine(String file, String prefix) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(prefix)) {
                    String value = prefix.isEmpty() ? line : line.substring(line.indexOf(':') + 1).strip();
                    return prefix.isEmpty() ? String.join(" ", List.of(value.split(" ")).subList(0, 3)) : value;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String tuningNotes() {
        try (var in = Bench.class.getResourceAsStream("/bench/tuning.md")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void fail(Report report, String phase, Exception e) {
        log("    %s FAILED: %s", phase, e);
        e.printStackTrace();
        report.notes.add("Phase '" + phase + "' failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    static void log(String format, Object... args) {
        System.out.println("[bench " + LocalTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                + "] " + String.format(format, args));
        System.out.flush();
    }
}
