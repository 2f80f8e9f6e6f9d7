package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.bench.Histories.History;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.CertificationRules;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * (7) Scale: the registry grown to each of {@code scaleSizes} organisations with realistic 2015-2026 histories
 * ({@link Histories}) published straight onto the real topics ({@link TopicWriter}), much faster than through the
 * REST APIs; at each size, once registry-query has handled every record, the read endpoints with wrk, a replay of
 * the whole history against raw read-and-apply, and every process's resident memory.
 * <p>
 * certification-service and awards-service read {@code icss.audit.events}: given these histories they would
 * derive (certification-service) the very certification events the loader publishes, with the same ids, after
 * hours of work for 100,000 organisations, and compete with registry-query for the two cores meanwhile. The history
 * stands for years the write side lived through long ago, so both are paused (SIGSTOP) while the scale phase runs
 * and continued (SIGCONT) at its end; their memory is still counted.
 */
final class ScaleBench {

    /** One size: the load, the reads (label to wrk result), the replay, the memory. */
    record Step(int size, long registrySize, long events, Map<String, Long> byType, double loadSeconds,
                double caughtUpSeconds, long lagAtEnd, long platinum, Map<String, Wrk.Result> reads,
                String conditionalNote, SystemBench.Rebuild rebuild, String rebuildError,
                Map<String, Long> rssKib) {

        double loadRate() {
            return events / Math.max(caughtUpSeconds, 0.001);
        }

        boolean caughtUp() {
            return lagAtEnd == 0;
        }
    }

    record Scale(List<Step> steps, String paused, String wrkVersion) {
        Step largest() {
            return steps.get(steps.size() - 1);
        }
    }

    static final String CONDITIONAL = "conditional standing (304)";

    /**
     * The reads measured at each size: label, wrk mode, connections; the conditional GET comes after the standing.
     * Those that may compute over every organisation come last, so that requests wrk gave up on and the server
     * still works at do not slow the others down.
     */
    static final List<String[]> READS = List.of(
            new String[]{"bare endpoint", "bare", "8"},
            new String[]{"bare endpoint, 32 connections", "bare", "32"},
            new String[]{"standing", "standing", "8"},
            new String[]{"standing, 32 connections", "standing", "32"},
            new String[]{CONDITIONAL, "", "8"},
            new String[]{"certificate verification", "cert", "8"},
            new String[]{"standing asOf a past date", "asof", "8"},
            new String[]{"standing knownAt a past instant", "knownat", "8"},
            new String[]{"search by name", "name", "8"},
            new String[]{"search by country", "country", "8"},
            new String[]{"search by member body", "memberbody", "8"},
            new String[]{"search by tier", "tier", "8"},
            new String[]{"Platinum list", "platinum", "8"});

    private final Ledger ledger;
    private final BenchConfig config;
    private final SystemBench system;
    private final ReadBench reads;
    private final Histories histories;
    private final Random random;
    private final List<String> sampleIds = new ArrayList<>();
    /** per sampled id: when it was registered (business date, and the instant it was recorded) */
    private final Map<String, Instant> registeredAt = new java.util.HashMap<>();
    private final List<String> sampleCertificates = new ArrayList<>();
    private long seen;

    ScaleBench(Ledger ledger, SystemBench system, ReadBench reads) {
        this.ledger = ledger;
        this.config = ledger.config();
        this.system = system;
        this.reads = reads;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        this.histories = new Histories(config.scaleSeed(), today, Instant.now(), CertificationRules.defaults());
        this.random = new Random(config.scaleSeed());
    }

    Scale run(long deadlineNanos, java.util.function.Consumer<Scale> progress) {
        List<Step> steps = new ArrayList<>();
        String paused;
        try (Paused pause = Paused.writers(config)) {
            paused = pause.describe();
            Bench.log("    %s", paused);
            int loaded = 0;
            try (TopicWriter writer = new TopicWriter(config.kafkaBootstrap())) {
                for (int size : config.scaleSizes()) {
                    if (System.nanoTime() > deadlineNanos) {
                        Bench.log("    no time left for %d organisations within the scale budget", size);
                        break;
                    }
                    steps.add(step(writer, loaded, size, deadlineNanos));
                    loaded = size;
                    progress.accept(new Scale(List.copyOf(steps), paused, reads.wrk().version()));
                }
            }
        }
        return new Scale(steps, paused, reads.wrk().version());
    }

    private Step step(TopicWriter writer, int from, int size, long deadlineNanos) {
        Bench.log("(7) scale: organisations %d to %d onto the topics", from, size);
        Map<String, Long> byType = new TreeMap<>();
        long t0 = System.nanoTime();
        long events = 0;
        List<History> batch = new ArrayList<>();
        for (int i = from; i < size; i++) {
            batch.add(histories.organisation(i));
            if (batch.size() == 500 || i == size - 1) {
                events += publish(writer, batch, byType);
                batch.clear();
            }
        }
        writer.flush();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Bench.log("    %d events published in %.1f s (%.0f/s); waiting for registry-query", events, loadSeconds,
                events / Math.max(loadSeconds, 0.001));
        Wait wait = waitForRegistry(writer, t0, deadlineNanos);
        long lag = wait.lag();
        double caughtUp = (wait.doneNanos() - t0) / 1e9;
        Bench.log("    %s after %.1f s: %.0f events/s through to the registry", lag == 0 ? "caught up"
                : "NOT caught up (" + lag + " records behind)", caughtUp, events / caughtUp);
        long registrySize = total("/api/v1/registry/organisations?size=1");

        Map<String, Wrk.Result> results = new LinkedHashMap<>();
        Path targets = reads.wrk().targets("scale-" + size + "-targets.txt", targets());
        reads.warmUp(targets);
        String conditionalNote = null;
        for (String[] read : READS) {
            long left = deadlineNanos - System.nanoTime();
            if (left < config.readDuration().plus(Wrk.GRACE).toNanos()) {
                Bench.log("    no time left for '%s' within the scale budget", read[0]);
                break;
            }
            if (read[0].equals(CONDITIONAL)) {
                ReadBench.Conditional conditional = reads.conditional("scale-" + size + "-etags.txt", sampleIds);
                if (conditional.result() != null) {
                    results.put(CONDITIONAL, conditional.result());
                }
                conditionalNote = conditional.note();
                continue;
            }
            Wrk.Result result = ReadBench.log(reads.wrk().reads(read[0], read[1], Integer.parseInt(read[2]),
                    config.readDuration(), targets));
            results.put(read[0], result);
            if (result.timeouts() > 0 || result.requests() == 0 || result.p99() > 1000) {
                // requests wrk gave up on, or left in flight at its end, may still run in registry-query: let them
                // end before the next read
                SystemBench.sleep(config.readTimeout().multipliedBy(2));
            }
        }

        SystemBench.Rebuild rebuild = null;
        String rebuildError = null;
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000_000L;
        if (left > 30) {
            Bench.log("    replay of the whole history vs raw read-and-apply (each at most %d s)",
                    Math.min(config.scaleReplayCap().toSeconds(), left / 2));
            try {
                rebuild = system.rebuild(Duration.ofSeconds(Math.min(config.scaleReplayCap().toSeconds(), left / 2)));
                Bench.log("    replay %.0f events/s (%s), raw %.0f events/s", rebuild.rate(), rebuild.state(),
                        rebuild.rawRate());
            } catch (RuntimeException e) {
                rebuildError = e.toString();
                Bench.log("    replay FAILED: %s", e);
            }
        } else {
            rebuildError = "no time left within the scale budget";
        }
        Map<String, Long> rss = Memory.sample(config.pids());
        // last: an API that computes every candidate's standing may take long over the whole Platinum list
        long platinum = total("/api/v1/registry/platinum");
        return new Step(size, registrySize, events, byType, loadSeconds, caughtUp, lag, platinum, results,
                conditionalNote, rebuild, rebuildError, rss);
    }

    /** One batch: audit-service's topic first, then certification-service's, then awards-service's. */
    private long publish(TopicWriter writer, List<History> batch, Map<String, Long> byType) {
        long events = 0;
        for (History h : batch) {
            writer.sendAll(config.auditTopic(), "Organisation", h.audit());
            count(h.audit(), byType);
            remember(h);
            events += h.audit().size();
        }
        for (History h : batch) {
            for (LedgerEvent event : h.certification()) {
                boolean professional = event instanceof ProfessionalCertified || event instanceof EmploymentStarted
                        || event instanceof EmploymentEnded;
                writer.send(config.certificationTopic(), professional ? "Professional" : "Certification", event);
            }
            count(h.certification(), byType);
            events += h.certification().size();
        }
        for (History h : batch) {
            writer.sendAll(config.awardsTopic(), "OrganisationAwards", h.awards());
            count(h.awards(), byType);
            events += h.awards().size();
        }
        writer.forgetSequences();
        return events;
    }

    private static void count(List<LedgerEvent> events, Map<String, Long> byType) {
        for (LedgerEvent event : events) {
            byType.merge(event.getClass().getSimpleName(), 1L, Long::sum);
        }
    }

    /** A uniform sample (reservoir) of up to 5,000 organisation ids and certificate numbers for the reads. */
    private void remember(History h) {
        seen++;
        String id = h.id().value();
        if (sampleIds.size() < 5000) {
            sampleIds.add(id);
            registeredAt.put(id, h.audit().get(0).recordedAt());
        } else {
            long slot = (long) (random.nextDouble() * seen);
            if (slot < 5000) {
                registeredAt.remove(sampleIds.get((int) slot));
                sampleIds.set((int) slot, id);
                registeredAt.put(id, h.audit().get(0).recordedAt());
            }
        }
        for (var number : h.certificates()) {
            if (sampleCertificates.size() < 5000) {
                sampleCertificates.add(number.value());
            } else if (random.nextInt(20) == 0) {
                sampleCertificates.set(random.nextInt(5000), number.value());
            }
        }
    }

    /** When registry-query had handled the load ({@code System.nanoTime}), and the records still behind at the cap. */
    record Wait(long lag, long doneNanos) {
    }

    /**
     * Waits until registry-query's processors have handled every record on the topics: their tracking tokens against
     * the end offsets. The Kafka source's stored tokens can stay far short of what was handled (records are handed
     * over in timestamp order across partitions and topics, each with the token of the moment it was read: in a
     * smoke run the registry processor had handled all 44,797 records while its tokens were 34,534 short); so once
     * no token has moved for 2 s, the last record is published again (a duplicate, skipped by event id) as a barrier
     * that brings them to the end, and the load counts as handled when they last moved before it. Should they move
     * again (a processor was still busy), the next standstill sends another barrier.
     */
    private Wait waitForRegistry(TopicWriter writer, long startNanos, long deadlineNanos) {
        long cap = Math.min(deadlineNanos, startNanos + config.scaleLoadCap().toNanos());
        long lag = -1;
        long lastLog = System.nanoTime();
        String tokens = null;
        long lastMove = System.nanoTime();
        long handledAt = -1;
        long barrierAt = -1;
        while (System.nanoTime() < cap) {
            Ledger.Lag progress = ledger.registryProgress();
            lag = progress.records();
            long now = System.nanoTime();
            if (!progress.tokens().equals(tokens)) {
                tokens = progress.tokens();
                lastMove = now;
            }
            if (lag == 0) {
                // handled when the tokens last moved before a barrier that then took them to the end at once
                return new Wait(0, barrierAt > 0 && now - barrierAt < Duration.ofSeconds(5).toNanos() ? handledAt : now);
            }
            if (barrierAt > 0 && now - barrierAt > Duration.ofSeconds(5).toNanos() && lastMove > barrierAt) {
                barrierAt = -1; // still working after the barrier: it was not done yet; another barrier when still
            }
            if (barrierAt < 0 && lag > 0 && now - lastMove > Duration.ofSeconds(2).toNanos()) {
                handledAt = lastMove;
                barrierAt = now;
                Bench.log("    tokens %d records short of the end and still: the last record again as a barrier", lag);
                writer.resendLast();
            }
            if (now - lastLog > Duration.ofSeconds(30).toNanos()) {
                Bench.log("    registry-query is %d records behind", lag);
                lastLog = now;
            }
            SystemBench.sleep(Duration.ofMillis(250));
        }
        return new Wait(lag, System.nanoTime());
    }

    /** The targets file of the reads: ids and certificate numbers of the sample, words, countries, dates. */
    private List<String> targets() {
        List<String> lines = new ArrayList<>();
        sampleIds.forEach(id -> lines.add("org\t" + id));
        sampleCertificates.forEach(n -> lines.add("cert\t" + encode(n)));
        TreeSet<String> words = new TreeSet<>();
        for (String w : Histories.FIRST) {
            words.add(fold(w)); // as a person types it: no accents, lower case
        }
        for (String w : Histories.SECOND) {
            words.add(w.toLowerCase(Locale.ROOT));
        }
        words.forEach(w -> lines.add("name\t" + encode(w)));
        Histories.COUNTRIES.values().forEach(cs -> cs.forEach(c -> lines.add("country\t" + c)));
        for (Tier tier : List.of(Tier.GOLD, Tier.CERTIFIED, Tier.PLATINUM)) {
            lines.add("tier\t" + tier.name());
        }
        for (MemberBody body : MemberBody.values()) {
            lines.add("body\t" + body.name());
        }
        // asOf a date and knownAt an instant in each organisation's registered life: what a reader asks
        Instant now = Instant.now();
        for (String id : sampleIds) {
            Instant from = registeredAt.get(id);
            long seconds = from.until(now, ChronoUnit.SECONDS);
            Instant knownAt = from.plusSeconds(3600 + (long) (random.nextDouble() * Math.max(1, seconds - 7200)));
            LocalDate asOf = knownAt.atZone(ZoneOffset.UTC).toLocalDate();
            lines.add("asof\t" + id + "?asOf=" + asOf);
            lines.add("knownat\t" + id + "?knownAt=" + knownAt.truncatedTo(ChronoUnit.SECONDS));
        }
        return lines;
    }

    /** The answer's {@code total}, or the length of its {@code organisations} list (an unpaged Platinum list). */
    private long total(String path) {
        try {
            JsonNode answer = ledger.sendJson(HttpRequest.newBuilder(URI.create(config.registryUrl() + path))
                    .timeout(Duration.ofSeconds(60)).GET().build());
            return answer.has("total") ? answer.path("total").asLong(-1) : answer.path("organisations").size();
        } catch (RuntimeException e) {
            Bench.log("    %s: %s", path, e.getMessage());
            return -1;
        }
    }

    static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * certification-service and awards-service stopped (SIGSTOP) for the scale phase and continued (SIGCONT) when
     * it ends, also when the harness is stopped by its time cap (a shutdown hook). Only processes of the pid files
     * deploy/run-local.sh wrote for this run are signalled.
     */
    static final class Paused implements AutoCloseable {
        private final List<Long> pids;
        private final List<String> names;
        private final Thread hook;

        private Paused(List<String> names, List<Long> pids) {
            this.names = names;
            this.pids = pids;
            this.hook = new Thread(this::resume, "bench-resume-writers");
            if (!pids.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            signal("STOP");
        }

        static Paused writers(BenchConfig config) {
            List<String> names = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            if (config.scalePause()) {
                for (String name : List.of("certification-service", "awards-service")) {
                    Long pid = config.pids().get(name);
                    if (pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        names.add(name);
                        pids.add(pid);
                    }
                }
            }
            return new Paused(names, pids);
        }

        String describe() {
            return names.isEmpty()
                    ? "certification-service and awards-service were not paused (not separate processes of this run,"
                    + " or ICSS_BENCH_SCALE_PAUSE=false): they also derive events from the loaded audit topic"
                    : String.join(" and ", names) + " paused (SIGSTOP) during the scale phase";
        }

        private void signal(String signal) {
            for (long pid : pids) {
                try {
                    new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start()
                            .waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    Bench.log("    kill -%s %d failed: %s", signal, pid, e);
                }
            }
        }

        private synchronized void resume() {
            signal("CONT");
        }

        @Override
        public void close() {
            resume();
            if (!pids.isEmpty()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs anyway
                }
            }
        }
    }
}
