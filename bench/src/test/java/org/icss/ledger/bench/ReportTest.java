package org.icss.ledger.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the wrk reads (4) and the scale phase (7) are judged against issue 15's targets in BENCHMARKS.md. */
class ReportTest {

    private static Wrk.Result wrk(String label, int connections, long requests, double p99) {
        return new Wrk.Result(label, connections, requests, 10, p99 / 2, p99 * 0.8, p99, p99 * 2, 0, 0, 0, -1, -1,
                null);
    }

    private static ScaleBench.Step step(int size, Map<String, Wrk.Result> reads) {
        return new ScaleBench.Step(size, size + 60, size * 15L, Map.of("GoldAwarded", size * 2L), 1, 10, 0, size / 25,
                reads, "no ETag", new SystemBench.Rebuild("SWITCHED", size * 15L, 1, size * 15L, 0.5, false, null),
                null, Map.of("registry-query", 400_000L, "kafka", 300_000L));
    }

    @Test
    void standingLookupIsJudgedAgainstTheBareEndpointAndConditionalGetWithoutETagIsNotMet() {
        Report report = new Report();
        report.command = "test";
        report.readSeconds = "10";
        report.reads = new ReadBench.Reads("wrk 4.1.0", 40, wrk("bare", 8, 40_000, 2), wrk("standing", 8, 24_000, 8),
                wrk("bare", 32, 50_000, 9), wrk("standing", 32, 30_000, 20), null, "no ETag");

        String md = report.markdown();

        assertThat(md).contains("| 4 | registry standing lookup (wrk, 8 connections) | 2400 req/s, p50 4.00 ms, "
                + "p99 8.00 ms | bare endpoint 4000 req/s, p50 1.00 ms, p99 2.00 ms | 60 % | >= 50 % of bare and "
                + "p99 < 10 ms | yes |");
        assertThat(md).contains("| 4 | conditional GET of a standing (If-None-Match) | no ETag |");
        assertThat(md).containsPattern("conditional GET of a standing \\(If-None-Match\\) \\| no ETag [^\\n]*\\*\\*no\\*\\*");
        assertThat(md).contains("## 4. Registry reads (wrk)", "`wrk -t1 -c<connections> -d10s --latency`");
    }

    @Test
    void aReadThatAnsweredNothingWithinItsRunIsNotMetAndFiguresMoveFromSizeToSize() {
        Map<String, Wrk.Result> small = new LinkedHashMap<>();
        small.put("bare endpoint", wrk("bare endpoint", 8, 40_000, 2));
        small.put("standing", wrk("standing", 8, 30_000, 5));
        small.put("Platinum list", wrk("Platinum list", 8, 2_000, 40));
        Map<String, Wrk.Result> large = new LinkedHashMap<>(small);
        large.put("Platinum list", wrk("Platinum list", 8, 0, 0));
        Report report = new Report();
        report.command = "test";
        report.scale = new ScaleBench.Scale(java.util.List.of(step(1000, small), step(100_000, large)),
                "paused", "wrk 4.1.0");

        String md = report.markdown();

        assertThat(md).containsPattern("\\| 7 \\| at 100,000 organisations: Platinum list page p99 \\| Platinum list: no "
                + "request answered within the run [^\\n]*\\*\\*no\\*\\* \\|");
        assertThat(md).contains("| Platinum list | 200 req/s, 20.00 / 40.00 ms | none answered |  |");
        assertThat(md).contains("| standing | 3000 req/s, 2.50 / 5.00 ms | 3000 req/s, 2.50 / 5.00 ms | 1.0x |");
        assertThat(md).containsPattern("\\| 7 \\| at 100,000 organisations: replay of the whole history \\(1500000 "
                + "events\\) \\| 1500000 events/s \\| 3000000 events/s raw read-and-apply \\| 50 % \\|");
        assertThat(md).contains("| 1,000 | 1060 | 40 | 15000 |", "| 100,000 | 100060 | 4000 | 1500000 |");
    }

    @Test
    void eachIngestStepSaysWhereTheCpuWentPerAudit() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("audit-service", 30.0);
        cpu.put(CpuTime.POSTGRES, 12.0);
        cpu.put(CpuTime.MACHINE_BUSY, 110.0);
        cpu.put(CpuTime.MACHINE_TOTAL, 120.0);
        Report report = new Report();
        report.command = "test";
        report.ingest = new SystemBench.Ingest(java.util.List.of(new SystemBench.Step(100, 60, 6000, 0, 100, 0, 0, 5,
                0, true, "", 40, 1, cpu)));

        String md = report.markdown();

        // 30 CPU s over 60 s is half a core; over 6,000 audits, 5 ms each
        assertThat(md).contains("| audit-service | 30.0 | 0.50 | 5.00 |", "| postgresql | 12.0 | 0.20 | 2.00 |",
                "| machine busy | 110.0 | 1.83 | 18.33 |");
        assertThat(md).doesNotContain("| machine total |");
    }

    @Test
    void whatTheSystemUsesAtRestIsShownAndTakenOffEachAuditsShare() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("audit-service", 30.0);
        cpu.put(CpuTime.MACHINE_BUSY, 110.0);
        Map<String, Double> rest = new LinkedHashMap<>();
        rest.put("audit-service", 0.25);
        rest.put(CpuTime.MACHINE_BUSY, 1.0);
        Report report = new Report();
        report.command = "test";
        report.ingest = new SystemBench.Ingest(java.util.List.of(new SystemBench.Step(100, 60, 6000, 0, 100, 0, 0, 5,
                0, true, "", 40, 1, cpu)), rest);

        String md = report.markdown();

        // a quarter of a core at rest is 15 of the step's 30 CPU s: 2.5 ms above rest per audit of 6,000
        assertThat(md).contains("| at rest: cores |", "| audit-service | 0.25 | 30.0 | 0.50 | 5.00 | 2.50 |",
                "| machine busy | 1.00 | 110.0 | 1.83 | 18.33 | 8.33 |");
    }
}
