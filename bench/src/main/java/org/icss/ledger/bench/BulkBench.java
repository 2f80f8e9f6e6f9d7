package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Bulk import: one NDJSON import per member body, posted at once, of new organisations' histories (registration, a
 * Gold certification, annual health checks, re-certifications). Measured: reports recorded per second (from the first
 * byte sent until every import's last answer line) and reports through to the registry per second (until every
 * organisation has its certificate in registry-query and no processor has a backlog). Baseline: the event rows the
 * imports appended, read back and inserted with plain JDBC batches of the import's batch size (one transaction per
 * batch, one thread per import) into a table like the event store in the scratch database.
 */
final class BulkBench {

    static final int RAW_BATCH = 200;
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    /** One organisation's history: the lines after its registration (dates and kinds). */
    private static final String[][] HISTORY = {
            {"audit", "CERTIFICATION", "2020-03-02"}, {"health-check", "PASSED", "2021-02-22"},
            {"health-check", "PASSED", "2022-02-21"}, {"audit", "RECERTIFICATION", "2023-02-13"},
            {"health-check", "PASSED", "2024-02-12"}, {"health-check", "PASSED", "2025-02-10"},
            {"audit", "RECERTIFICATION", "2026-01-26"}};

    record Result(int imports, int organisations, long lines, long accepted, double recordSeconds,
                  double registrySeconds, boolean reachedRegistry, long rawRows, double rawSeconds) {

        double recordedRate() {
            return accepted / recordSeconds;
        }

        double throughRate() {
            return accepted / registrySeconds;
        }

        double rawRate() {
            return rawRows / rawSeconds;
        }

        /** Events appended per second while recording, against the raw rate of the same rows. */
        double eventRate() {
            return rawRows / recordSeconds;
        }
    }

    private final Ledger ledger;
    private final BenchConfig config;

    BulkBench(Ledger ledger) {
        this.ledger = ledger;
        this.config = ledger.config();
    }

    Result run(int reports, Duration cap) {
        int perOrganisation = HISTORY.length + 1;
        int organisations = Math.max(BenchConfig.MEMBER_BODIES.size(), reports / perOrganisation);
        String run = Long.toString(System.nanoTime(), 36);
        List<StringBuilder> streams = new ArrayList<>();
        List<List<String>> refs = new ArrayList<>();
        for (String ignored : BenchConfig.MEMBER_BODIES) {
            streams.add(new StringBuilder());
            refs.add(new ArrayList<>());
        }
        for (int i = 0; i < organisations; i++) {
            int body = i % streams.size();
            String ref = "o" + i;
            refs.get(body).add(ref);
            StringBuilder stream = streams.get(body);
            stream.append("{\"kind\":\"organisation\",\"ref\":\"").append(ref).append("\",\"body\":{\"name\":\"Bench bulk ")
                    .append(run).append(' ').append(i).append("\",\"country\":\"AU\",\"registeredOn\":\"2020-01-06\"}}\n");
            int n = 0;
            for (String[] line : HISTORY) {
                if (line[0].equals("audit")) {
                    stream.append("{\"kind\":\"audit\",\"ref\":\"").append(ref).append("\",\"body\":{\"auditId\":\"b")
                            .append(n++).append("\",\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"")
                            .append(line[1]).append("\",\"auditedOn\":\"").append(line[2])
                            .append("\",\"auditor\":\"bench assessor\",\"scores\":").append(scores(7)).append("}}\n");
                } else {
                    stream.append("{\"kind\":\"health-check\",\"ref\":\"").append(ref)
                            .append("\",\"body\":{\"checkedOn\":\"").append(line[2]).append("\",\"result\":\"")
                            .append(line[1]).append("\"}}\n");
                }
            }
        }
        JdbcTemplate audit = ledger.jdbc(config.auditJdbcUrl());
        long before = audit.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int b = 0; b < streams.size(); b++) {
            String body = BenchConfig.MEMBER_BODIES.get(b);
            answers.add(ledger.http.sendAsync(HttpRequest.newBuilder(URI.create(config.auditUrl() + "/api/v1/imports"))
                    .timeout(cap).header("Content-Type", "application/x-ndjson")
                    .header("X-API-Key", config.memberBodyKeys().get(body))
                    .POST(HttpRequest.BodyPublishers.ofString(streams.get(b).toString(), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        long lines = 0;
        long accepted = 0;
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("an import answered " + response.statusCode() + ": "
                        + OpenLoop.abbreviate(response.body()));
            }
            for (String line : response.body().split("\n")) {
                JsonNode result = json(line);
                if (result.has("summary")) {
                    continue;
                }
                lines++;
                if (result.path("status").asInt() == 201) {
                    accepted++;
                    if (result.path("kind").asText().equals("organisation")) {
                        ids.add(result.path("result").path("organisationId").asText());
                    }
                }
            }
        }
        double recordSeconds = (System.nanoTime() - start) / 1e9;
        if (accepted < lines) {
            throw new IllegalStateException((lines - accepted) + " of " + lines + " import lines were refused");
        }

        long deadline = start + cap.toNanos();
        boolean reached = false;
        while (System.nanoTime() < deadline) {
            if (ledger.withCertificate(ids).size() == ids.size() && ledger.backlog().total() == 0) {
                reached = true;
                break;
            }
            sleep(100);
        }
        double registrySeconds = (System.nanoTime() - start) / 1e9;

        List<Object[]> rows = audit.query("SELECT event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry "
                        + "WHERE global_index > ? ORDER BY global_index", (rs, row) -> {
                    Object[] values = new Object[9];
                    for (int c = 0; c < 9; c++) {
                        values[c] = rs.getObject(c + 1);
                    }
                    return values;
                }, before);
        ((org.springframework.jdbc.datasource.SingleConnectionDataSource) audit.getDataSource()).destroy();
        double rawSeconds = raw(rows, streams.size());
        return new Result(streams.size(), organisations, lines, accepted, recordSeconds, registrySeconds, reached,
                rows.size(), rawSeconds);
    }

    /** The same event rows inserted with plain JDBC batches, one thread per import. */
    private double raw(List<Object[]> rows, int threads) {
        try (Connection setup = DriverManager.getConnection(config.scratchJdbcUrl(), config.pgUser(),
                config.pgPassword()); Statement statement = setup.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS raw_bulk_event_entry");
            statement.execute("CREATE TABLE raw_bulk_event_entry (global_index BIGINT GENERATED BY DEFAULT AS "
                    + "IDENTITY PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier "
                    + "VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp "
                    + "VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), "
                    + "payload BYTEA NOT NULL, meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not prepare the raw baseline's table", e);
        }
        try {
            return AppendBench.insertInBatches(() -> DriverManager.getConnection(config.scratchJdbcUrl(),
                    config.pgUser(), config.pgPassword()), rows, "raw_bulk_event_entry", threads, RAW_BATCH);
        } catch (Exception e) {
            throw new IllegalStateException("raw baseline failed", e);
        }
    }

    private static String scores(int score) {
        StringBuilder scores = new StringBuilder("{");
        for (var code : ICSS_2020.attributeCodes()) {
            scores.append(scores.length() == 1 ? "" : ",").append('"').append(code.code()).append("\":").append(score);
        }
        return scores.append('}').toString();
    }

    private static JsonNode json(String line) {
        try {
            return Ledger.JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + OpenLoop.abbreviate(line), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
