package org.icss.ledger.bench;

import org.icss.ledger.bench.SystemBench.Freshness;
import org.icss.ledger.bench.SystemBench.Ingest;
import org.icss.ledger.bench.SystemBench.Lookup;
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
    Ingest ingest;
    Freshness freshness;
    Lookup lookup;
    Rebuild rebuild;
    BulkBench.Result bulk;
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
            double ratio = append.axonRate() / append.rawRate();
            row(md, "1", "event store append (Axon JDBC, concurrent commands)", f0(append.axonRate()) + " events/s",
                    f0(append.rawRate()) + " rows/s raw JDBC batch", pct(ratio), ">= 50 % of raw", ratio >= 0.5);
        }
        if (ingest != null) {
            int held = ingest.highestHeld();
            row(md, "2", "sustained ingest of audits (REST, all four services)", held + " audits/s held " + hold,
                    "ladder " + ladder(), "", ">= 1,000 audits/s", held >= 1000);
        }
        if (freshness != null) {
            double p99 = millis(freshness.latency(), 99);
            row(md, "3", "freshness, POST accepted to registry standing (at " + freshness.rate() + " audits/s)",
                    "p50 " + f1(millis(freshness.latency(), 50)) + " ms, p99 " + f1(p99) + " ms",
                    "POST itself p99 " + f1(freshness.postP99()) + " ms", "", "p99 < 500 ms",
                    p99 < 500 && freshness.notSeen() == 0);
        }
        if (lookup != null) {
            double p99 = lookup.standing().p99Millis();
            double bare = lookup.bare().p99Millis();
            row(md, "4", "registry lookup (standing) at " + rate(lookup), "p50 " + f2(lookup.standing().p50Millis())
                            + " ms, p99 " + f2(p99) + " ms", "bare endpoint p50 " + f2(lookup.bare().p50Millis())
                            + " ms, p99 " + f2(bare) + " ms", f2(p99 / bare) + "x", "p99 < 10 ms and <= 2x bare",
                    p99 < 10 && p99 <= 2 * bare);
        }
        if (rebuild != null) {
            row(md, "5", "projection rebuild (replay)", f0(rebuild.rate()) + " events/s",
                    f0(rebuild.rawRate()) + " events/s raw read-and-apply", pct(rebuild.rate() / rebuild.rawRate()),
                    ">= 50,000 events/s", rebuild.rate() >= 50_000 && !rebuild.capped());
        }
        if (!rssKib.isEmpty()) {
            long total = rssKib.values().stream().filter(v -> v > 0).mapToLong(Long::longValue).sum();
            row(md, "6", "resident memory, all processes (peak per process)", mib(total) + " MiB", "", "",
                    "< 2,048 MiB", total < 2048L * 1024);
        }
        if (bulk != null) {
            row(md, "7", "bulk import, reports recorded (" + bulk.imports() + " NDJSON imports at once)",
                    f0(bulk.recordedRate()) + " reports/s", f0(bulk.rawRate()) + " event rows/s raw JDBC batch",
                    pct(bulk.eventRate() / bulk.rawRate()), ">= 5,000 reports/s; events >= 50 % of raw",
                    bulk.recordedRate() >= 5000 && bulk.eventRate() >= 0.5 * bulk.rawRate());
            row(md, "7", "bulk import, reports through to the registry", f0(bulk.throughRate()) + " reports/s"
                            + (bulk.reachedRegistry() ? "" : " (not all within the cap)"), "", "",
                    ">= 2,000 reports/s", bulk.reachedRegistry() && bulk.throughRate() >= 2000);
        }
        md.append('\n');

        if (append != null) {
            md.append("## 1. Event store append\n\n");
            md.append("Axon's `JdbcEventStorageEngine` configured as the services configure it (Spring transactions, the ")
                    .append("platform's Flyway tables and snake_case schema, Jackson), ").append(append.threads())
                    .append(" threads sending commands for ").append(f0(append.axonSeconds()))
                    .append(" s to a scratch database: register an organisation, then four audits on it, each audit ")
                    .append("loading the aggregate from its events and appending one. Baseline: the same rows, read back, ")
                    .append("inserted by ").append(append.threads()).append(" threads with plain JDBC batches of ")
                    .append(AppendBench.RAW_BATCH).append(" rows per transaction into an identical table of the same ")
                    .append("database.\n\n");
            md.append("| | events | seconds | events/s |\n|---|---|---|---|\n");
            md.append("| Axon, concurrent commands | ").append(append.axonEvents()).append(" | ")
                    .append(f1(append.axonSeconds())).append(" | ").append(f0(append.axonRate())).append(" |\n");
            md.append("| raw JDBC batched insert | ").append(append.rawRows()).append(" | ")
                    .append(f1(append.rawSeconds())).append(" | ").append(f0(append.rawRate())).append(" |\n");
            md.append("| ratio | | | ").append(pct(append.axonRate() / append.rawRate())).append(" |\n");
            md.append("| (for scale) raw JDBC, one row per transaction | ").append(append.rawRows()).append(" | ")
                    .append(f1(append.singleRowSeconds())).append(" | ").append(f0(append.singleRowRate()))
                    .append(" |\n\n");
            md.append("A command commits once per event it appends, as the last line's plain JDBC does; the baseline ")
                    .append("commits once per ").append(AppendBench.RAW_BATCH).append(" rows.\n\n");
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
        }
        if (freshness != null) {
            md.append("## 3. Freshness\n\n");
            md.append("A Gold audit for a new organisation each time, at ").append(freshness.rate())
                    .append(" audits/s; latency from the POST's 201 until registry-query's standing API answers GOLD ")
                    .append("(audit-service, Kafka, certification-service, Kafka, registry-query). A watcher looks every ")
                    .append("10 ms which organisations have a certificate row, then asks the API.\n\n");
            md.append("| posted | seen | not seen in time | p50 ms | p90 ms | p99 ms | max ms | POST p99 ms |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            md.append("| ").append(freshness.posted()).append(" | ").append(freshness.seen()).append(" | ")
                    .append(freshness.notSeen()).append(" | ").append(f1(millis(freshness.latency(), 50))).append(" | ")
                    .append(f1(millis(freshness.latency(), 90))).append(" | ")
                    .append(f1(millis(freshness.latency(), 99))).append(" | ")
                    .append(f1(freshness.latency().getMaxValue() / 1000.0)).append(" | ")
                    .append(f1(freshness.postP99())).append(" |\n\n");
        }
        if (lookup != null) {
            md.append("## 4. Registry lookup\n\n");
            md.append("`GET /api/v1/registry/organisations/{id}` (standing with reasons and Platinum) of organisations ")
                    .append("with Gold, against `GET /api/v1/registry/bench/bare` in the same application (same filter ")
                    .append("chain, no work; only with `icss.bench.enabled=true`), each at ").append(rate(lookup))
                    .append(" open loop after a warm-up; latency from each request's intended send time ")
                    .append("(HdrHistogram, no coordinated omission). The per-IP rate limit is off for the run.\n\n");
            md.append("| endpoint | requests | ok | failed | achieved/s | p50 ms | p99 ms | max ms |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            lookupRow(md, "bare", lookup.bare());
            lookupRow(md, "standing", lookup.standing());
            md.append('\n');
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
            md.append("## 7. Bulk import\n\n");
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
        if (!tuning.isBlank()) {
            md.append(tuning.strip()).append("\n\n");
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        md.append("\n## Command\n\n```\n").append(command).append("\n```\n");
        return md.toString();
    }

    private String ingestHoldText() {
        return hold;
    }

    private String ladder() {
        return String.join(", ", ingest.steps().stream().map(s -> s.rate() + (s.held() ? " held" : " not held"))
                .toList());
    }

    private static String rate(Lookup lookup) {
        return f0(lookup.standing().due() / Math.max(1, Math.round(lookup.standing().seconds()))) + " req/s";
    }

    private static void lookupRow(StringBuilder md, String name, OpenLoop.Outcome o) {
        md.append("| ").append(name).append(" | ").append(o.due()).append(" | ").append(o.ok()).append(" | ")
                .append(o.failed()).append(" | ").append(f0(o.achievedRate())).append(" | ").append(f2(o.p50Millis()))
                .append(" | ").append(f2(o.p99Millis())).append(" | ").append(f1(o.maxMillis())).append(" |\n");
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
