package org.icss.ledger.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * (4) Registry reads with wrk, each next to the bare endpoint of the same application in the same run: the standing
 * lookup at 8 and 32 connections (closed loop, one wrk thread), and a conditional GET of the standing with the ETag
 * of a first answer (If-None-Match), which should be answered 304.
 */
final class ReadBench {

    /** Phase (4): the figures, or why there are none. {@code etag} is null when the API sends no ETag. */
    record Reads(String wrkVersion, int ids, Wrk.Result bare8, Wrk.Result standing8, Wrk.Result bare32,
                 Wrk.Result standing32, Wrk.Result conditional, String etagNote) {
    }

    private final Ledger ledger;
    private final BenchConfig config;
    private final Wrk wrk;

    ReadBench(Ledger ledger, Wrk wrk) {
        this.ledger = ledger;
        this.config = ledger.config();
        this.wrk = wrk;
    }

    Wrk wrk() {
        return wrk;
    }

    Reads lookup(List<String> organisationIds) {
        Duration d = config.readDuration();
        Path targets = wrk.targets("lookup-targets.txt", organisationIds.stream().map(id -> "org\t" + id).toList());
        warmUp(targets);
        Wrk.Result bare8 = log(wrk.reads("bare", "bare", 8, d, targets));
        Wrk.Result standing8 = log(wrk.reads("standing", "standing", 8, d, targets));
        Wrk.Result bare32 = log(wrk.reads("bare", "bare", 32, d, targets));
        Wrk.Result standing32 = log(wrk.reads("standing", "standing", 32, d, targets));
        Conditional conditional = conditional("lookup-etags.txt", organisationIds);
        return new Reads(wrk.version(), organisationIds.size(), bare8, standing8, bare32, standing32,
                conditional.result(), conditional.note());
    }

    /** A conditional run, or why there is none: "no ETag" when the standing answers carry none. */
    record Conditional(Wrk.Result result, String note) {
    }

    Conditional conditional(String file, List<String> organisationIds) {
        List<String> lines = new ArrayList<>();
        for (String id : organisationIds.subList(0, Math.min(200, organisationIds.size()))) {
            String path = "/api/v1/registry/organisations/" + id;
            etagOf(path).ifPresent(etag -> lines.add("etag\t" + path + "\t" + etag));
        }
        if (lines.isEmpty()) {
            Bench.log("    conditional GET: no ETag on the standing answers");
            return new Conditional(null, "no ETag");
        }
        Path targets = wrk.targets(file, lines);
        Wrk.Result result = log(wrk.conditional("conditional standing (If-None-Match)", 8,
                config.readDuration(), targets));
        String note = result.ok() && result.notModified() == 0 ? "ETag sent, but no 304 answer" : null;
        return new Conditional(result, note);
    }

    void warmUp(Path targets) {
        Duration warmUp = Duration.ofSeconds(config.smoke() ? 1 : 3);
        wrk.reads("warm-up", "bare", 8, warmUp, targets);
        wrk.reads("warm-up", "standing", 8, warmUp, targets);
    }

    private Optional<String> etagOf(String path) {
        try {
            HttpResponse<Void> response = ledger.http.send(HttpRequest.newBuilder(
                            URI.create(config.registryUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? response.headers().firstValue("ETag") : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static Wrk.Result log(Wrk.Result r) {
        if (r.ok()) {
            Bench.log("    %-40s c%-3d %8.0f req/s  p50 %8.2f ms  p99 %8.2f ms  errors %d%s", r.label(),
                    r.connections(), r.rate(), r.p50(), r.p99(), r.errors(),
                    r.notModified() >= 0 ? "  304: " + r.notModified() + ", other: " + r.other() : "");
        } else {
            Bench.log("    %-40s c%-3d FAILED: %s", r.label(), r.connections(), r.problem());
        }
        return r;
    }
}
