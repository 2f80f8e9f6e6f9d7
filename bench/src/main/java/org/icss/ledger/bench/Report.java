package org.icss.ledger.bench;

import org.icss.ledger.bench.SystemBench.Freshness;
import org.icss.ledger.bench.SystemBench.Ingest;
import org.icss.ledger.bench.SystemBench.Rebuild;
import org.icss.ledger.bench.SystemBench.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** BENCHMARKS.md: a summary against the targets, then each figure with its baseline, the machine and the command. */
final class Report {

    AppendBench.Result append;
    HistoryBench.Result history;
    Ingest ingest;
    final List<Freshness> freshness = new ArrayList<>();
    ReadBench.Reads reads;
    ScaleBench.Scale scale;
    Rebuild rebuild;
    BulkBench.Result bulk;
    NotificationBench.Result notifications;
    final Map<String, Long> rssKib = new LinkedHashMap<>();
    final Map<String, String> machine = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    String tuning = "";
    String command;
    String hold = "";
    String mode;
    String startedAt;
    double totalSeconds;

    void peakRss(Map<String, Long> sample) {
        sample.forEach((name, kib) -> rssKib.merge(name, kib, Math::max));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ICSS Ledger benchmarks\n\n");
        md.append("Written by `").append(command).append("` (mode ").append(mode).append(") on ").append(startedAt)
                .append(", in ").append(f0(totalSeconds)).append(" s. Every figure and its baseline come from this one run on")
                .append(" this machine; timings are noisy, so compare ratios rather than absolute numbers across machines.\n\n");
        for (String note : notes) {
            md.append("> ").append(note).append("\n\n");
        }

        md.append("## Summary\n\n");
        md.append("| # | figure | value | baseline (same run) | ratio | target | met? |\n|---|---|---|---|---|---|---|\n");
        if (append != null) {
            double ratio = append.axonRate() / append.singleRowRate();
            row(md, "1", "event store append (Axon JDBC, concurrent commands)", f0(append.axonRate()) + " events/s",
                    f0(append.singleRowRate()) + " rows/s raw JDBC, one row per transaction (batches of "
                            + AppendBench.RAW_BATCH + ": " + f0(append.rawRate()) + " rows/s, "
                            + pct(append.axonRate() / append.rawRate()) + ")", pct(ratio),
                    ">= 50 % of raw one row per transaction", ratio >= 0.5);
        }
        if (ingest != null) {
            int held = ingest.highestHeld();
            row(md, "2", "sustained ingest of audits (REST, all four services)", held + " audits/s held " + hold,
                    "ladder " + ladder(), "", ">= 1,000 audits/s", held >= 1000);
        }
        for (Freshness fresh : freshness) {
            double p99 = millis(fresh.latency(), 99);
            int target = freshnessTargetMillis(fresh.rate());
            row(md, "3", "freshness, POST accepted to registry standing (at " + fresh.rate() + " audits/s)",
                    "p50 " + f1(millis(fresh.latency(), 50)) + " ms, p99 " + f1(p99) + " ms",
                    "POST itself p99 " + f1(fresh.postP99()) + " ms", "", "p99 < " + target + " ms",
                    p99 < target && fresh.notSeen() == 0 && fresh.seen() > 0);
        }
        if (reads != null) {
            readsSummary(md);
        }
        if (rebuild != null) {
            row(md, "5", "projection rebuild (replay)", f0(rebuild.rate()) + " events/s",
                    f0(rebuild.rawRate()) + " events/s raw read-and-apply", pct(rebuild.rate() / rebuild.rawRate()),
                    ">= 50,000 events/s", rebuild.rate() >= 50_000 && !rebuild.capped());
        }
        if (history != null) {
            double ratio = history.ratio();
            row(md, "8", "the 1st vs the 100th audit of one organisation (REST, p50)",
                    "100th: " + f1(history.hundredthP50()) + " ms", "1st: " + f1(history.firstP50()) + " ms",
                    f2(ratio) + "x", "100th within 20 % of the 1st", ratio <= 1.2);
        }
        if (!rssKib.isEmpty()) {
            long total = rssKib.values().stream().filter(v -> v > 0).mapToLong(Long::longValue).sum();
            row(md, "6", "resident memory, all processes (peak per process)", mib(total) + " MiB", "", "",
                    "< 2,048 MiB", total < 2048L * 1024);
        }
        if (bulk != null) {
            row(md, "9", "bulk import, reports recorded (" + bulk.imports() + " NDJSON imports at once)",
                    f0(bulk.recordedRate()) + " reports/s", f0(bulk.rawRate()) + " event rows/s raw JDBC batch",
                    pct(bulk.eventRate() / bulk.rawRate()), ">= 5,000 reports/s; events >= 50 % of raw",
                    bulk.recordedRate() >= 5000 && bulk.eventRate() >= 0.5 * bulk.rawRate());
            row(md, "9", "bulk import, reports through to the registry", f0(bulk.throughRate()) + " reports/s"
                            + (bulk.reachedRegistry() ? "" : " (not all within the cap)"), "", "",
                    ">= 2,000 reports/s", bulk.reachedRegistry() && bulk.throughRate() >= 2000);
        }
        if (notifications != null) {
            double p99 = millis(notifications.endToEnd(), 99);
            row(md, "10", "webhook delivery lag, event published to receiver (" + notifications.rate()
                            + " standing changes/s to " + notifications.subscribers() + " subscribers)",
                    "p50 " + f1(millis(notifications.endToEnd(), 50)) + " ms, p99 " + f1(p99) + " ms",
                    "from the registry's announcement p99 " + f1(millis(notifications.delivery(), 99)) + " ms",
                    pct(notifications.deliveredShare()) + " delivered", "p99 < 1,000 ms",
                    p99 < 1000 && notifications.deliveredShare() >= 0.999);
        }
        if (scale != null && !scale.steps().isEmpty()) {
            scaleSummary(md);
        }
        md.append('\n');

        if (append != null) {
            md.append("## 1. Event store append\n\n");
            md.append("Axon's `JdbcEventStorageEngine` configured as the services configure it (Spring transactions, the ")
                    .append("platform's Flyway tables and snake_case schema, Jackson, the aggregate cache checked against ")
                    .append("the store's last sequence number), ").append(append.threads())
                    .append(" threads sending commands for ").append(f0(append.axonSeconds()))
                    .append(" s to a scratch database: register an organisation, then four audits on it, each audit ")
                    .append("loading the aggregate and appending one event in its own transaction. Baselines: the same ")
                    .append("rows, read back, inserted by ").append(append.threads()).append(" threads with plain JDBC ")
                    .append("into identical tables of the same database, one row per transaction (the fair floor: a ")
                    .append("command commits once per event, as this does) and in batches of ")
                    .append(AppendBench.RAW_BATCH).append(" rows per transaction (what many commands per ")
                    .append("transaction could reach).\n\n");
            md.append("| | events | seconds | events/s | Axon as a share of it |\n|---|---|---|---|---|\n");
            md.append("| Axon, concurrent commands | ").append(append.axonEvents()).append(" | ")
                    .append(f1(append.axonSeconds())).append(" | ").append(f0(append.axonRate())).append(" | |\n");
            md.append("| raw JDBC, one row per transaction | ").append(append.rawRows()).append(" | ")
                    .append(f1(append.singleRowSeconds())).append(" | ").append(f0(append.singleRowRate()))
                    .append(" | ").append(pct(append.axonRate() / append.singleRowRate())).append(" |\n");
            md.append("| raw JDBC, batches of ").append(AppendBench.RAW_BATCH).append(" | ").append(append.rawRows())
                    .append(" | ").append(f1(append.rawSeconds())).append(" | ").append(f0(append.rawRate()))
                    .append(" | ").append(pct(append.axonRate() / append.rawRate())).append(" |\n\n");
        }
        if (history != null) {
            md.append("## 8. The 1st vs the 100th audit of one organisation\n\n");
            md.append("Through audit-service's REST API with the other services running: ").append(history.organisations())
                    .append(" organisations got ").append(HistoryBench.HISTORY - 1).append(" audits each, a week apart (")
                    .append(f1(history.buildSeconds())).append(" s, not measured); then, one pair at a time, the 1st ")
                    .append("audit of a newly registered organisation and the ").append(HistoryBench.HISTORY)
                    .append("th of one of those, one request in flight. Latency of each POST until its 201. A command ")
                    .append("loads its organisation from the aggregate cache (one indexed version check), or from its ")
                    .append("latest snapshot and the events after it (`icss.aggregates.*`).\n\n");
            md.append("| audit | organisations | p50 ms | p90 ms |\n|---|---|---|---|\n");
            md.append("| 1st | ").append(history.first().size()).append(" | ").append(f1(history.firstP50()))
                    .append(" | ").append(f1(history.firstP90())).append(" |\n");
            md.append("| ").append(HistoryBench.HISTORY).append("th | ").append(history.hundredth().size()).append(" | ")
                    .append(f1(history.hundredthP50())).append(" | ").append(f1(history.hundredthP90()))
                    .append(" |\n");
            md.append("| ratio (p50) | | ").append(f2(history.ratio())).append("x | |\n\n");
        }
        if (ingest != null) {
            md.append("## 2. Sustained ingest\n\n");
            md.append("Audits posted to audit-service's REST API at a fixed rate (open loop) over a pool of registered ")
                    .append("organisations, each rate held for ").append(ingestHoldText()).append(" while audit-service ")
                    .append("publishes, certification-service decides and publishes, and registry-query projects. ")
                    .append("Backlog = events recorded but not yet handled: audit-service's events not yet on its topic, ")
                    .append("its topic not yet handled by certification-service, and the three topics not yet handled by ")
                    .append("registry-query (from `processed_event` and the topics' end offsets), sampled every second. ")
                    .append("Held: >= 95 % accepted, <= 1 % failed, and the backlog's slope over the second half of ")
                    .append("the window <= 2 % of the rate (or under 1 s of work at the end).\n\n");
            md.append("| rate | accepted/s | failed | POST p99 ms | backlog start | backlog end | backlog max | "
                    + "slope (events/s) | drained in | held? |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Step s : ingest.steps()) {
                md.append("| ").append(s.rate()).append(" | ").append(f0(s.acceptedRate())).append(" | ")
                        .append(s.failed()).append(" | ").append(f1(s.postP99())).append(" | ")
                        .append(s.backlogStart()).append(" | ").append(s.backlogEnd()).append(" | ")
                        .append(s.backlogMax()).append(" | ").append(f1(s.backlogSlope())).append(" | ")
                        .append(s.drainSeconds() < 0 ? "not within cap" : f1(s.drainSeconds()) + " s").append(" | ")
                        .append(s.held() ? "yes" : "no: " + s.why()).append(" |\n");
            }
            md.append('\n');
            cpuTable(md);
        }
        if (!freshness.isEmpty()) {
            md.append("## 3. Freshness\n\n");
            md.append("A Gold audit for a new organisation each time, at each rate for ")
                    .append("its own new organisations; latency from the POST's 201 until registry-query's standing API ")
                    .append("answers GOLD (audit-service, Kafka, certification-service, Kafka, registry-query). A watcher ")
                    .append("looks every 10 ms which organisations have a certificate row, then asks the API.\n\n");
            md.append("| rate | posted | seen | not seen in time | p50 ms | p90 ms | p99 ms | max ms | POST p99 ms |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (Freshness fresh : freshness) {
                md.append("| ").append(fresh.rate()).append("/s | ").append(fresh.posted()).append(" | ")
                        .append(fresh.seen()).append(" | ").append(fresh.notSeen()).append(" | ")
                        .append(f1(millis(fresh.latency(), 50))).append(" | ")
                        .append(f1(millis(fresh.latency(), 90))).append(" | ")
                        .append(f1(millis(fresh.latency(), 99))).append(" | ")
                        .append(f1(fresh.latency().getMaxValue() / 1000.0)).append(" | ")
                        .append(f1(fresh.postP99())).append(" |\n");
            }
            md.append('\n');
        }
        if (reads != null) {
            readsSection(md);
        }
        if (rebuild != null) {
            md.append("## 5. Projection rebuild\n\n");
            md.append("`POST /api/v1/compliance/replays`: registry-query rebuilds its read models into a new generation ")
                    .append("from offset 0 of the three topics; rate from the replay's own progress (events done, started, ")
                    .append("finished). Baseline: a plain Kafka consumer reads the same partitions to the same end offsets, ")
                    .append("parses each event with Jackson and inserts one row per event with JDBC batches (one ")
                    .append("transaction per poll) into a scratch table of the same PostgreSQL.\n\n");
            md.append("| | events | seconds | events/s |\n|---|---|---|---|\n");
            md.append("| replay (").append(rebuild.state()).append(rebuild.capped() ? ", stopped waiting at the cap" : "")
                    .append(") | ").append(rebuild.events()).append(" | ").append(f1(rebuild.seconds())).append(" | ")
                    .append(f0(rebuild.rate())).append(" |\n");
            md.append("| raw read-and-apply | ").append(rebuild.rawEvents()).append(" | ").append(f1(rebuild.rawSeconds()))
                    .append(" | ").append(f0(rebuild.rawRate())).append(" |\n\n");
        }
        if (notifications != null) {
            NotificationBench.Result n = notifications;
            md.append("## 10. Webhook notifications\n\n");
            md.append(n.subscribers()).append(" subscriptions (COMPLIANCE key) to `org.icss.standing.changed` of ")
                    .append(n.organisations()).append(" Gold organisations, each received by a JDK HTTP server in the ")
                    .append("harness; a suspension or reinstatement published onto the certification topic every ")
                    .append(f1(1000.0 / n.rate())).append(" ms for ").append(f1(n.seconds())).append(" s, each ")
                    .append("flipping one organisation's status today (a standing change). End to end: publication ")
                    .append("to arrival (Kafka, the projection, the standing's recomputation, the outbox, the delivery ")
                    .append("worker); from the announcement: the notification's CloudEvent `time` to arrival.\n\n");
            md.append("| changes | deliveries expected | received (once per webhook-id) | duplicates | end to end p50 | ")
                    .append("p99 | max | from announcement p50 | p99 |\n|---|---|---|---|---|---|---|---|---|\n");
            md.append("| ").append(n.changes()).append(" | ").append(n.expectedDeliveries()).append(" | ")
                    .append(n.received()).append(" | ").append(n.duplicates()).append(" | ")
                    .append(f1(millis(n.endToEnd(), 50))).append(" ms | ").append(f1(millis(n.endToEnd(), 99)))
                    .append(" ms | ").append(f1(millis(n.endToEnd(), 100))).append(" ms | ")
                    .append(f1(millis(n.delivery(), 50))).append(" ms | ").append(f1(millis(n.delivery(), 99)))
                    .append(" ms |\n\n");
        }
        if (!rssKib.isEmpty()) {
            md.append("## 6. Resident memory\n\n");
            md.append("Peak VmRSS (`/proc/<pid>/status`) of each process, sampled after each phase.\n\n");
            md.append("| process | RSS MiB |\n|---|---|\n");
            rssKib.forEach((name, kib) -> md.append("| ").append(name).append(" | ")
                    .append(kib < 0 ? "gone" : mib(kib)).append(" |\n"));
            md.append("| **total** | **").append(mib(rssKib.values().stream().filter(v -> v > 0)
                    .mapToLong(Long::longValue).sum())).append("** |\n\n");
        }
        if (bulk != null) {
            md.append("## 9. Bulk import\n\n");
            md.append("One NDJSON import per member body (`POST /api/v1/imports`), all sent at once, of new ")
                    .append("organisations' histories: registration, a Gold certification, annual health checks and ")
                    .append("two re-certifications, each line recorded as the single endpoint records it, ")
                    .append("`icss.imports.batch-size` lines per transaction. Recorded: from the first byte sent until ")
                    .append("every import's last answer line. Through to the registry: until registry-query has every ")
                    .append("organisation's certificate and no processor has a backlog. Baseline: the event rows the ")
                    .append("imports appended, read back and inserted with plain JDBC batches of ")
                    .append(BulkBench.RAW_BATCH).append(" rows per transaction, one thread per import, into a table ")
                    .append("like the event store in the scratch database; the ratio compares event rows per second.\n\n");
            md.append("| | organisations | lines (reports) | events | seconds | per second |\n|---|---|---|---|---|---|\n");
            md.append("| recorded | ").append(bulk.organisations()).append(" | ").append(bulk.accepted()).append(" | ")
                    .append(bulk.rawRows()).append(" | ").append(f1(bulk.recordSeconds())).append(" | ")
                    .append(f0(bulk.recordedRate())).append(" reports, ").append(f0(bulk.eventRate()))
                    .append(" events |\n");
            md.append("| through to the registry").append(bulk.reachedRegistry() ? "" : " (cap reached)").append(" | ")
                    .append(bulk.organisations()).append(" | ").append(bulk.accepted()).append(" | | ")
                    .append(f1(bulk.registrySeconds())).append(" | ").append(f0(bulk.throughRate()))
                    .append(" reports |\n");
            md.append("| raw JDBC batched insert of the same event rows | | | ").append(bulk.rawRows()).append(" | ")
                    .append(f1(bulk.rawSeconds())).append(" | ").append(f0(bulk.rawRate())).append(" events |\n\n");
        }
        if (scale != null && !scale.steps().isEmpty()) {
            scaleSection(md);
        }
        if (!tuning.isBlank()) {
            md.append(tuning.strip()).append("\n\n");
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        md.append("\n## Command\n\n```\n").append(command).append("\n```\n");
        return md.toString();
    }

    /**
     * Where the machine's cores went during each ingest step: each process's CPU seconds over the step, as cores and
     * as milliseconds per accepted audit (from /proc, {@link CpuTime}).
     */
    private void cpuTable(StringBuilder md) {
        List<Step> steps = ingest.steps().stream().filter(s -> s.cpuSeconds() != null && !s.cpuSeconds().isEmpty())
                .toList();
        if (steps.isEmpty()) {
            return;
        }
        md.append("Where the CPU went during each step (utime + stime from `/proc/<pid>/stat`; PostgreSQL is every ")
                .append("`postgres` process; the machine from `/proc/stat`, of ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores): CPU seconds, cores busy on ")
                .append("average, and CPU milliseconds per accepted audit");
        Map<String, Double> rest = ingest.restCores();
        if (!rest.isEmpty()) {
            md.append("; first the cores each used at rest just before the ladder (no load sent, backlog drained), ")
                    .append("and for each step the milliseconds per audit above that rest");
        }
        md.append(".\n\n| process |");
        if (!rest.isEmpty()) {
            md.append(" at rest: cores |");
        }
        steps.forEach(s -> md.append(" at ").append(s.rate()).append("/s: CPU s | cores | ms per audit |")
                .append(rest.isEmpty() ? "" : " ms above rest |"));
        md.append("\n|---|");
        if (!rest.isEmpty()) {
            md.append("---|");
        }
        steps.forEach(s -> md.append(rest.isEmpty() ? "---|---|---|" : "---|---|---|---|"));
        md.append('\n');
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        steps.forEach(s -> names.addAll(s.cpuSeconds().keySet()));
        names.remove(CpuTime.MACHINE_TOTAL);
        for (String name : names) {
            md.append("| ").append(name).append(" |");
            Double restCores = rest.get(name);
            if (!rest.isEmpty()) {
                md.append(' ').append(restCores == null ? "" : f2(restCores)).append(" |");
            }
            for (Step s : steps) {
                Double used = s.cpuSeconds().get(name);
                if (used == null) {
                    md.append(rest.isEmpty() ? " | | |" : " | | | |");
                    continue;
                }
                md.append(' ').append(f1(used)).append(" | ").append(f2(used / Math.max(0.001, s.seconds())))
                        .append(" | ").append(s.accepted() == 0 ? "" : f2(used * 1000 / s.accepted())).append(" |");
                if (!rest.isEmpty()) {
                    md.append(' ').append(s.accepted() == 0 || restCores == null ? ""
                            : f2(Math.max(0, used - restCores * s.seconds()) * 1000 / s.accepted())).append(" |");
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Issue 16's freshness targets: p99 under 300 ms at 100 audits/s, under 500 ms at 200/s (and above). */
    static int freshnessTargetMillis(int rate) {
        return rate <= 100 ? 300 : 500;
    }

    private String ingestHoldText() {
        return hold;
    }

    private String ladder() {
        return String.join(", ", ingest.steps().stream().map(s -> s.rate() + (s.held() ? " held" : " not held"))
                .toList());
    }

    // ------------------------------------------------------------------ (4) reads and (7) scale, measured with wrk

    private void readsSummary(StringBuilder md) {
        Wrk.Result bare = reads.bare8();
        Wrk.Result standing = reads.standing8();
        if (usable(bare) && usable(standing)) {
            double share = standing.rate() / bare.rate();
            row(md, "4", "registry standing lookup (wrk, 8 connections)", wrkValue(standing),
                    "bare endpoint " + wrkValue(bare), pct(share), ">= 50 % of bare and p99 < 10 ms",
                    share >= 0.5 && standing.p99() < 10 && standing.errors() == 0);
        }
        if (usable(reads.bare32()) && usable(reads.standing32())) {
            info(md, "4", "registry standing lookup (wrk, 32 connections)", wrkValue(reads.standing32()),
                    "bare endpoint " + wrkValue(reads.bare32()), pct(reads.standing32().rate() / reads.bare32().rate()));
        }
        conditionalSummary(md, "4", "", reads.conditional(), reads.etagNote());
    }

    private static void conditionalSummary(StringBuilder md, String n, String at, Wrk.Result conditional,
                                           String note) {
        if (conditional == null) {
            row(md, n, at + "conditional GET of a standing (If-None-Match)", note == null ? "no ETag" : note, "", "",
                    "304, p99 < 5 ms", false);
        } else if (conditional.ok()) {
            boolean all304 = conditional.other() == 0 && conditional.notModified() > 0;
            row(md, n, at + "conditional GET of a standing (If-None-Match)", "p99 " + f2(conditional.p99()) + " ms, "
                            + conditional.notModified() + " answered 304, " + conditional.other() + " otherwise",
                    "", "", "304, p99 < 5 ms", all304 && conditional.p99() < 5 && conditional.errors() == 0);
        }
    }

    private void scaleSummary(StringBuilder md) {
        ScaleBench.Step step = scale.largest();
        String at = "at " + grouped(step.size()) + " organisations: ";
        Wrk.Result bare = step.reads().get("bare endpoint");
        String bareText = bare == null || !bare.ok() ? "" : "bare endpoint " + wrkValue(bare);
        worst(md, at + "search p99 (worst of name, country, tier, member body)", step, bareText, 50,
                "search by name", "search by country", "search by tier", "search by member body");
        worst(md, at + "asOf / knownAt standing p99 (worst)", step, bareText, 20, "standing asOf a past date",
                "standing knownAt a past instant");
        worst(md, at + "Platinum list page p99", step, bareText, 50, "Platinum list");
        Wrk.Result standing = step.reads().get("standing");
        if (usable(standing) && usable(bare)) {
            double share = standing.rate() / bare.rate();
            row(md, "7", at + "standing lookup (8 connections)", wrkValue(standing), bareText, pct(share),
                    ">= 50 % of bare and p99 < 10 ms", share >= 0.5 && standing.p99() < 10 && standing.errors() == 0);
        }
        Wrk.Result conditional = step.reads().get(ScaleBench.CONDITIONAL);
        if (conditional != null || step.conditionalNote() != null) {
            conditionalSummary(md, "7", at, conditional, step.conditionalNote());
        }
        if (step.rebuild() != null) {
            SystemBench.Rebuild r = step.rebuild();
            double ratio = r.rate() / r.rawRate();
            row(md, "7", at + "replay of the whole history (" + r.events() + " events)", f0(r.rate()) + " events/s",
                    f0(r.rawRate()) + " events/s raw read-and-apply", pct(ratio),
                    ">= 20,000 events/s and >= 50 % of raw", r.rate() >= 20_000 && ratio >= 0.5 && !r.capped());
        }
        info(md, "7", at + "load through the topics until registry-query had applied it",
                f0(step.loadRate()) + " events/s" + (step.caughtUp() ? "" : " (not caught up: " + step.lagAtEnd()
                        + " records behind at the cap)"), step.events() + " events published in "
                        + f1(step.loadSeconds()) + " s", "");
        long total = step.rssKib().values().stream().filter(v -> v > 0).mapToLong(Long::longValue).sum();
        row(md, "7", at + "resident memory, all processes", mib(total) + " MiB", "", "", "< 2,048 MiB",
                total < 2048L * 1024);
    }

    private static void worst(StringBuilder md, String figure, ScaleBench.Step step, String bare, double targetMs,
                              String... labels) {
        Wrk.Result worst = null;
        boolean allOk = true;
        for (String label : labels) {
            Wrk.Result r = step.reads().get(label);
            if (r == null || !r.ok()) {
                allOk = false;
                continue;
            }
            allOk &= r.errors() == 0 && r.requests() > 0;
            if (worst == null || worst.requests() > 0 && (r.requests() == 0 || r.p99() > worst.p99())) {
                worst = r; // none answered within the run is the worst
            }
        }
        if (worst == null) {
            row(md, "7", figure, "not measured", bare, "", "p99 < " + f0(targetMs) + " ms", false);
            return;
        }
        row(md, "7", figure, worst.label() + ": " + wrkValue(worst), bare, "", "p99 < " + f0(targetMs) + " ms",
                allOk && worst.p99() < targetMs);
    }

    private void readsSection(StringBuilder md) {
        md.append("## 4. Registry reads (wrk)\n\n");
        md.append("`GET /api/v1/registry/organisations/{id}` (standing with reasons and Platinum) of ").append(reads.ids())
                .append(" organisations with Gold, picked at random per request by a Lua script, against ")
                .append("`GET /api/v1/registry/bench/bare` in the same application (same filter chain, no work; only ")
                .append("with `icss.bench.enabled=true`), in the same run. Load generator: ").append(reads.wrkVersion())
                .append(", one thread, closed loop (`wrk -t1 -c<connections> -d").append(durationText())
                .append(" --latency`), after a short warm-up of both. The conditional GET sends `If-None-Match` with the ")
                .append("ETag of a first answer of each standing. The per-IP rate limit is off for the run.\n\n");
        md.append(WRK_HEADER);
        Wrk.Result bare8 = reads.bare8();
        wrkRow(md, reads.bare8(), null);
        wrkRow(md, reads.standing8(), bare8);
        wrkRow(md, reads.bare32(), null);
        wrkRow(md, reads.standing32(), reads.bare32());
        if (reads.conditional() != null) {
            wrkRow(md, reads.conditional(), bare8);
        }
        md.append('\n');
        if (reads.etagNote() != null) {
            md.append("Conditional GET: ").append(reads.etagNote()).append(".\n\n");
        }
    }

    private void scaleSection(StringBuilder md) {
        List<ScaleBench.Step> steps = scale.steps();
        md.append("## 7. Scale\n\n");
        md.append("The registry grown to ").append(String.join(" and then ", steps.stream()
                        .map(st -> grouped(st.size())).toList()))
                .append(" organisations with realistic 2015-2026 histories, published straight onto the real topics in ")
                .append("the published language (ledger-events' records through the platform's Kafka converter and ")
                .append("Axon's Jackson serializer: record key = organisation id, Axon's headers), as the services ")
                .append("would have published them living through those years: registrations, audits and health checks ")
                .append("(audit-service), the certification events ledger-rules' `LifecyclePolicy` derives from them with ")
                .append("certification-service's event ids (awards, supersessions, suspensions, reinstatements, ")
                .append("withdrawals, expiries), CCSM professionals with credentials and employments, ISEA wins ")
                .append("(`Histories`); the Kafka message timestamp is the time of publication, the events' ")
                .append("`recordedAt` their historical instant. ").append(scale.paused()).append(". Load rate: events ")
                .append("published until registry-query's processors (registry and reports) had handled every record ")
                .append("(their tracking tokens against the topics' end offsets; once they stand still short of the ")
                .append("end, the last record is published again as a barrier, see `ScaleBench`). Then at each size the reads with wrk (")
                .append(scale.wrkVersion()).append(", one thread, closed loop, 8 connections unless said, ")
                .append(durationText()).append(" each; varied ids, certificate numbers, name words, countries, tiers, ")
                .append("member bodies, past dates and instants from a targets file), a replay of the whole history ")
                .append("against raw read-and-apply (as in 5), and every process's resident memory. The registry also ")
                .append("holds the organisations the earlier phases registered.\n\n");

        md.append("| organisations loaded | in the registry | Platinum today | events published | published in | applied by registry-query after | events/s through to the registry |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (ScaleBench.Step st : steps) {
            md.append("| ").append(grouped(st.size())).append(" | ").append(st.registrySize()).append(" | ")
                    .append(st.platinum()).append(" | ").append(st.events()).append(" | ").append(f1(st.loadSeconds()))
                    .append(" s | ").append(st.caughtUp() ? f1(st.caughtUpSeconds()) + " s"
                            : "not within the cap (" + st.lagAtEnd() + " behind)")
                    .append(" | ").append(f0(st.loadRate())).append(" |\n");
        }
        md.append("\nEvents published, by type (all sizes): ");
        Map<String, Long> byType = new java.util.TreeMap<>();
        steps.forEach(st -> st.byType().forEach((k, v) -> byType.merge(k, v, Long::sum)));
        md.append(String.join(", ", byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()))
                .append(".\n\n");

        md.append("Reads: requests/s, p50 / p99 ms (errors: answers of 400 or more, socket errors, timeouts); the last ")
                .append("column is the p99 at the largest size over the p99 at the smallest.\n\n");
        md.append("| read |");
        steps.forEach(st -> md.append(' ').append(grouped(st.size())).append(" |"));
        md.append(" p99 change |\n|---|");
        steps.forEach(st -> md.append("---|"));
        md.append("---|\n");
        List<String> labels = new ArrayList<>();
        steps.forEach(st -> st.reads().keySet().forEach(l -> {
            if (!labels.contains(l)) {
                labels.add(l);
            }
        }));
        for (String label : labels) {
            md.append("| ").append(label).append(" |");
            for (ScaleBench.Step st : steps) {
                Wrk.Result r = st.reads().get(label);
                md.append(' ').append(r == null ? "" : cell(r)).append(" |");
            }
            Wrk.Result first = steps.get(0).reads().get(label);
            Wrk.Result last = steps.get(steps.size() - 1).reads().get(label);
            md.append(' ').append(steps.size() > 1 && usable(first) && usable(last)
                    ? f1(last.p99() / Math.max(first.p99(), 0.001)) + "x" : "").append(" |\n");
        }
        md.append('\n');
        for (ScaleBench.Step st : steps) {
            if (st.conditionalNote() != null) {
                md.append("Conditional GET at ").append(grouped(st.size())).append(": ").append(st.conditionalNote())
                        .append(".\n\n");
            }
        }

        md.append("Replay of the whole history (`POST /api/v1/compliance/replays`, polled until done) and the raw ")
                .append("read-and-apply baseline of section 5 over the same records:\n\n");
        md.append("| organisations | replay state | events | seconds | events/s | raw events/s | ratio |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (ScaleBench.Step st : steps) {
            SystemBench.Rebuild r = st.rebuild();
            if (r == null) {
                md.append("| ").append(grouped(st.size())).append(" | not run: ").append(st.rebuildError())
                        .append(" | | | | | |\n");
            } else {
                md.append("| ").append(grouped(st.size())).append(" | ").append(r.state())
                        .append(r.capped() ? " (stopped waiting at the cap)" : "").append(" | ").append(r.events())
                        .append(" | ").append(f1(r.seconds())).append(" | ").append(f0(r.rate())).append(" | ")
                        .append(f0(r.rawRate())).append(" | ").append(pct(r.rate() / r.rawRate())).append(" |\n");
            }
        }
        md.append("\nResident memory (VmRSS MiB) after each size's measurements:\n\n| process |");
        steps.forEach(st -> md.append(' ').append(grouped(st.size())).append(" |"));
        md.append("\n|---|");
        steps.forEach(st -> md.append("---|"));
        md.append('\n');
        List<String> processes = new ArrayList<>();
        steps.forEach(st -> st.rssKib().keySet().forEach(p -> {
            if (!processes.contains(p)) {
                processes.add(p);
            }
        }));
        for (String process : processes) {
            md.append("| ").append(process).append(" |");
            for (ScaleBench.Step st : steps) {
                Long kib = st.rssKib().get(process);
                md.append(' ').append(kib == null ? "" : kib < 0 ? "gone" : mib(kib)).append(" |");
            }
            md.append('\n');
        }
        md.append("| **total** |");
        for (ScaleBench.Step st : steps) {
            md.append(" **").append(mib(st.rssKib().values().stream().filter(v -> v > 0).mapToLong(Long::longValue)
                    .sum())).append("** |");
        }
        md.append("\n\n");
    }

    private static final String WRK_HEADER = "| endpoint | connections | requests | req/s | of bare | p50 ms | p90 ms | "
            + "p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|---|---|\n";

    private static void wrkRow(StringBuilder md, Wrk.Result r, Wrk.Result bare) {
        if (r == null) {
            return;
        }
        if (!r.ok()) {
            md.append("| ").append(r.label()).append(" | ").append(r.connections()).append(" | failed: ")
                    .append(r.problem().replace("|", "\\|")).append(" | | | | | | | |\n");
            return;
        }
        md.append("| ").append(r.label()).append(" | ").append(r.connections()).append(" | ").append(r.requests())
                .append(" | ").append(f0(r.rate())).append(" | ")
                .append(bare != null && usable(bare) ? pct(r.rate() / bare.rate()) : "").append(" | ")
                .append(f2(r.p50())).append(" | ").append(f2(r.p90())).append(" | ").append(f2(r.p99())).append(" | ")
                .append(f1(r.max())).append(" | ").append(errorsText(r)).append(" |\n");
    }

    private static String cell(Wrk.Result r) {
        if (!r.ok()) {
            return "failed";
        }
        if (r.requests() == 0) {
            return "none answered" + (r.errors() > 0 ? " (" + errorsText(r) + ")" : "");
        }
        String text = f0(r.rate()) + " req/s, " + f2(r.p50()) + " / " + f2(r.p99()) + " ms";
        return r.errors() > 0 ? text + " (" + errorsText(r) + ")" : text;
    }

    private static String errorsText(Wrk.Result r) {
        if (r.errors() == 0) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        if (r.statusErrors() > 0) {
            parts.add(r.statusErrors() + " answered >= 400");
        }
        if (r.socketErrors() > 0) {
            parts.add(r.socketErrors() + " socket errors");
        }
        if (r.timeouts() > 0) {
            parts.add(r.timeouts() + " timeouts");
        }
        return String.join(", ", parts);
    }

    private static String wrkValue(Wrk.Result r) {
        if (r.requests() == 0) {
            return "no request answered within the run" + (r.errors() > 0 ? " (" + errorsText(r) + ")" : "");
        }
        return f0(r.rate()) + " req/s, p50 " + f2(r.p50()) + " ms, p99 " + f2(r.p99()) + " ms"
                + (r.errors() > 0 ? " (" + errorsText(r) + ")" : "");
    }

    private static boolean usable(Wrk.Result r) {
        return r != null && r.ok() && r.requests() > 0;
    }

    private String durationText() {
        return readSeconds + "s";
    }

    String readSeconds = "";

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void info(StringBuilder md, String n, String figure, String value, String baseline, String ratio) {
        md.append("| ").append(n).append(" | ").append(figure).append(" | ").append(value).append(" | ")
                .append(baseline).append(" | ").append(ratio).append(" | (reported) | |\n");
    }


    private static void row(StringBuilder md, String n, String figure, String value, String baseline, String ratio,
                            String target, boolean met) {
        md.append("| ").append(n).append(" | ").append(figure).append(" | ").append(value).append(" | ")
                .append(baseline).append(" | ").append(ratio).append(" | ").append(target).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    private static double millis(org.HdrHistogram.Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f", kib / 1024.0);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
