package org.icss.ledger.audit.web.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.audit.AuditServiceUnderTest;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.OutputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bulk import of audit-service as a member body uses it over HTTP: a stream of registrations, audits, health
 * checks, corrections and withdrawals naming organisations by the member body's own references, answered line by
 * line; bad lines refused with the single endpoint's problem while the others are recorded; the same stream posted
 * again under its Idempotency-Key recording nothing twice, also after a posting was cut off half way; the limits.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class BulkImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final TestKeys.Key CSIAU = TestKeys.memberBody("CSIAU");
    private static final TestKeys.Key HICS = TestKeys.memberBody("HICS");

    private static ConfigurableApplicationContext service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        service = AuditServiceUnderTest.start(infra, "audit_import_it", List.of(CSIAU, HICS),
                "--icss.imports.batch-size=3", "--icss.imports.max-stream-size=200KB");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void eachLineIsAnsweredAsItsSingleEndpointWouldAndBadLinesStopNothing() {
        String hicsOrg = register(HICS, "Athens Imports " + UUID.randomUUID(), "GR");
        String name = "Harbour Imports " + UUID.randomUUID();
        List<String> stream = List.of(
                line("organisation", Map.of("ref", "harbour"), Map.of("name", name, "country", "AU",
                        "registeredOn", "2019-01-10")),
                line("audit", Map.of("ref", "harbour"), audit("imp-a1", "2020-03-01", 8)),
                line("audit", Map.of("ref", "harbour"), Map.of("auditId", "bad", "nmae", "typo")),
                "",
                line("health-check", Map.of("ref", "harbour"), Map.of("healthCheckId", "imp-h1",
                        "checkedOn", "2021-03-01", "result", "PASSED")),
                line("audit-correction", Map.of("ref", "harbour", "auditId", "imp-a1"),
                        Map.of("scores", scores(7), "reason", "typo in the report")),
                line("health-check", Map.of("organisationId", hicsOrg), Map.of("checkedOn", "2021-03-01",
                        "result", "PASSED")),
                line("health-check", Map.of("ref", "nobody"), Map.of("checkedOn", "2021-03-01",
                        "result", "PASSED")),
                "{\"kind\":\"audit\",\"kind\":\"audit\"}",
                line("health-check-withdrawal", Map.of("ref", "harbour", "healthCheckId", "imp-h1"),
                        Map.of("reason", "posted twice")),
                line("organisation", Map.of("ref", "dup"), Map.of("name", name, "country", "AU")),
                line("health-check", Map.of("ref", "harbour"), Map.of("checkedOn", "2021-04-01",
                        "result", "FAILED", "reason", "bad\u0000")),
                line("audit", Map.of("organisationId", UUID.randomUUID().toString()), audit("imp-x", "2020-03-01", 8)),
                line("audit", Map.of("ref", "harbour"), audit("imp-a1", "2020-04-01", 8)),
                line("health-check", Map.of("ref", "harbour"), Map.of("healthCheckId", "imp-h2",
                        "checkedOn", "2021-05-01", "result", "PASSED")));

        long before = events();
        List<JsonNode> answer = importStream(CSIAU, "imp-" + UUID.randomUUID(), String.join("\n", stream));

        Map<Integer, JsonNode> byLine = byLine(answer);
        assertThat(byLine.get(1).path("status").asInt()).isEqualTo(201);
        String org = byLine.get(1).path("result").path("organisationId").asText();
        assertThat(byLine.get(2).path("result").path("auditId").asText()).isEqualTo("imp-a1");
        assertThat(byLine.get(2).path("result").path("organisationId").asText()).isEqualTo(org);
        assertThat(byLine.get(3).path("status").asInt()).isEqualTo(400);
        assertThat(byLine.get(3).path("problem").path("errors").path("nmae").asText())
                .isEqualTo("is not a field of this request");
        assertThat(byLine).doesNotContainKey(4);
        assertThat(byLine.get(5).path("status").asInt()).isEqualTo(201);
        assertThat(byLine.get(6).path("status").asInt()).isEqualTo(201);
        assertThat(byLine.get(7).path("problem").path("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(byLine.get(8).path("problem").path("errors").path("ref").asText())
                .contains("no organisation was registered under this reference");
        assertThat(byLine.get(9).path("status").asInt()).isEqualTo(400);
        assertThat(byLine.get(10).path("status").asInt()).isEqualTo(201);
        assertThat(byLine.get(11).path("problem").path("type").asText())
                .isEqualTo("/problems/duplicate-registration");
        assertThat(byLine.get(12).path("problem").path("errors").path("reason").asText())
                .contains("control character");

        assertThat(byLine.get(13).path("problem").path("type").asText()).isEqualTo("/problems/not-found");
        assertThat(byLine.get(14).path("problem").path("type").asText()).isEqualTo("/problems/duplicate-audit");
        assertThat(byLine.get(15).path("status").asInt()).isEqualTo(201);

        JsonNode summary = answer.get(answer.size() - 1).path("summary");
        assertThat(summary.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(summary.path("linesRead").asInt()).isEqualTo(14);
        assertThat(summary.path("accepted").asInt()).isEqualTo(6);
        assertThat(summary.path("refused").asInt()).isEqualTo(8);
        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored", "HealthCheckPassed",
                "AuditCorrected", "HealthCheckWithdrawn", "HealthCheckPassed");
        assertThat(events()).isEqualTo(before + 6);
        JsonNode progress = get("/api/v1/imports/" + summary.path("importId").asText(), CSIAU);
        assertThat(progress.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(progress.path("accepted").asInt()).isEqualTo(6);
        assertThat(getStatus("/api/v1/imports/" + summary.path("importId").asText(), HICS)).isEqualTo(404);
        io.micrometer.core.instrument.MeterRegistry meters = service.getBean(
                io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.counter("icss.imports.lines", "outcome", "accepted").count()).isGreaterThanOrEqualTo(6);
        assertThat(meters.counter("icss.imports.lines", "outcome", "refused").count()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theReadmesExampleImportIsRecordedLineByLine() throws IOException {
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "examples",
                "import.ndjson"));
        List<JsonNode> answer = importStream(CSIAU, "example-" + UUID.randomUUID(), example);
        assertThat(answer).hasSize((int) example.lines().count() + 1);
        assertThat(answer.subList(0, answer.size() - 1)).allSatisfy(result -> assertThat(result.path("status")
                .asInt()).as(result.toString()).isEqualTo(201));
        String org = answer.get(0).path("result").path("organisationId").asText();
        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored", "HealthCheckPassed",
                "AuditScored", "AuditCorrected", "HealthCheckFailed", "HealthCheckPassed");
    }

    @Test
    void postedAgainUnderItsKeyAnImportRecordsOnlyWhatItHadNotRecordedBefore() {
        List<String> stream = new ArrayList<>();
        stream.add(line("organisation", Map.of("ref", "r1"), Map.of("name", "Resumed " + UUID.randomUUID(),
                "country", "AU", "registeredOn", "2018-01-10")));
        for (int year = 2020; year <= 2026; year++) {
            stream.add(line("audit", Map.of("ref", "r1"), audit("res-" + year, year + "-06-01", year % 2 == 0 ? 8
                    : 5)));
        }
        String key = "resume-" + UUID.randomUUID();
        long before = events();

        // the first posting is cut off after four lines (as by a crash: those four are recorded)
        List<JsonNode> first = importStream(CSIAU, key, String.join("\n", stream.subList(0, 4)) + "\n");
        assertThat(first.subList(0, 4)).allSatisfy(result -> assertThat(result.path("status").asInt())
                .isEqualTo(201));
        assertThat(events()).isEqualTo(before + 4);

        List<JsonNode> again = importStream(CSIAU, key, String.join("\n", stream) + "\n");
        Map<Integer, JsonNode> byLine = byLine(again);
        for (int line = 1; line <= 4; line++) {
            assertThat(byLine.get(line).path("replayed").asBoolean()).as("line " + line).isTrue();
        }
        assertThat(byLine.get(1).path("result")).isEqualTo(first.get(0).path("result"));
        for (int line = 5; line <= 8; line++) {
            assertThat(byLine.get(line).path("status").asInt()).as("line " + line).isEqualTo(201);
            assertThat(byLine.get(line).has("replayed")).isFalse();
        }
        assertThat(events()).isEqualTo(before + 8);
        // recorded three lines to a transaction (batch size 3): rows of one transaction share its xmin
        String org = byLine.get(1).path("result").path("organisationId").asText();
        assertThat(service.getBean(JdbcTemplate.class).queryForObject("SELECT count(DISTINCT xmin::text) FROM "
                + "domain_event_entry WHERE aggregate_identifier = ?", Integer.class, org)).isEqualTo(4);

        List<JsonNode> third = importStream(CSIAU, key, String.join("\n", stream) + "\n");
        assertThat(third.subList(0, 8)).allSatisfy(result -> assertThat(result.path("replayed").asBoolean())
                .isTrue());
        assertThat(third.get(8).path("summary").path("replayed").asInt()).isEqualTo(8);
        assertThat(events()).isEqualTo(before + 8);

        // a line changed under the same key is refused; the others are still answered from the first postings
        List<String> changed = new ArrayList<>(stream);
        changed.set(7, line("audit", Map.of("ref", "r1"), audit("res-other", "2026-07-01", 8)));
        Map<Integer, JsonNode> changedAnswer = byLine(importStream(CSIAU, key, String.join("\n", changed)));
        assertThat(changedAnswer.get(8).path("problem").path("type").asText())
                .isEqualTo("/problems/idempotency-key-reused");
        assertThat(events()).isEqualTo(before + 8);
    }

    @Test
    void anImportCutOffMidStreamOrLeftRunningByACrashIsResumedUnderItsKey() throws Exception {
        String key = "cut-" + UUID.randomUUID();
        List<String> stream = new ArrayList<>();
        stream.add(line("organisation", Map.of("ref", "cut"), Map.of("name", "Cut Off " + UUID.randomUUID(),
                "country", "AU", "registeredOn", "2020-01-06")));
        for (int year = 2020; year <= 2026; year++) {
            stream.add(line("health-check", Map.of("ref", "cut"), Map.of("healthCheckId", "cut-" + year,
                    "checkedOn", year + "-06-01", "result", "PASSED")));
        }
        long before = events();
        // the connection dies after four whole lines and half a fifth (a chunked body never finished)
        String sent = String.join("\n", stream.subList(0, 5));
        byte[] partial = (sent.substring(0, sent.length() - 20)).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + CSIAU.key()
                    + "\r\nContent-Type: application/x-ndjson\r\nIdempotency-Key: " + key
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(partial.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(partial);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // four lines make a batch and a half (batch size 3): wait until the first batch is recorded
            await().atMost(Duration.ofSeconds(30)).until(() -> events() >= before + 3);
        }
        String importId = UUID.nameUUIDFromBytes(("member-body:CSIAU\n" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !get("/api/v1/imports/" + importId, CSIAU)
                .path("state").asText().equals("RUNNING"));
        long recorded = events() - before;
        assertThat(recorded).isBetween(3L, 4L);

        Map<Integer, JsonNode> resumed = byLine(importStream(CSIAU, key, String.join("\n", stream)));
        assertThat(resumed.values().stream().filter(result -> result.path("replayed").asBoolean()).count())
                .isEqualTo(recorded);
        assertThat(resumed.values()).allSatisfy(result -> assertThat(result.path("status").asInt()).isEqualTo(201));
        assertThat(events()).isEqualTo(before + 8);

        // a replica that died mid-import leaves it RUNNING; once its heartbeat is older than the in-progress
        // timeout (a minute by default), the import may be posted again and answers from what was committed
        service.getBean(JdbcTemplate.class).update("UPDATE report_import SET state = 'RUNNING', heartbeat_at = "
                + "now() - interval '2 minutes' WHERE import_id = ?", importId);
        assertThat(get("/api/v1/imports/" + importId, CSIAU).path("state").asText()).isEqualTo("INTERRUPTED");
        List<JsonNode> again = importStream(CSIAU, key, String.join("\n", stream));
        assertThat(again.get(again.size() - 1).path("summary").path("replayed").asInt()).isEqualTo(8);
        assertThat(events()).isEqualTo(before + 8);
    }

    @Test
    void progressIsVisibleWhileAnImportRunsAndASecondPostingOfItWaitsForIt() throws Exception {
        String key = "running-" + UUID.randomUUID();
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream sent = new PipedInputStream(client, 1 << 20);
        HttpClient streaming = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> running = streaming.sendAsync(importRequest(CSIAU, key)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> sent)).build(),
                HttpResponse.BodyHandlers.ofString());
        client.write((line("organisation", Map.of("ref", "p"), Map.of("name", "Progress " + UUID.randomUUID(),
                "country", "AU", "registeredOn", "2020-01-06")) + "\n"
                + line("audit", Map.of("ref", "p"), audit("p-1", "2020-03-02", 7)) + "\n"
                + line("health-check", Map.of("ref", "p"), Map.of("checkedOn", "2021-03-01", "result", "PASSED"))
                // blank lines (skipped) fill the HTTP client's send buffer, so these lines go out now
                + "\n".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8));
        client.flush();
        String importId = UUID.nameUUIDFromBytes(("member-body:CSIAU\n" + key).getBytes(StandardCharsets.UTF_8))
                .toString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode progress = get("/api/v1/imports/" + importId, CSIAU);
            assertThat(progress.path("state").asText()).as(progress.toString()).isEqualTo("RUNNING");
            assertThat(progress.path("linesRead").asInt()).isEqualTo(3);
            assertThat(progress.path("accepted").asInt()).isEqualTo(3);
        });
        HttpResponse<String> second = send(importRequest(CSIAU, key).POST(HttpRequest.BodyPublishers.ofString(
                line("audit", Map.of("ref", "p"), audit("p-2", "2021-03-02", 7)))));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second.body()).path("type").asText()).isEqualTo("/problems/import-in-progress");

        client.write((line("audit", Map.of("ref", "p"), audit("p-2", "2023-03-02", 8)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        client.close();
        List<JsonNode> answer = parse(running.get(30, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(answer).hasSize(5);
        assertThat(answer.get(4).path("summary").path("accepted").asInt()).isEqualTo(4);
        assertThat(get("/api/v1/imports/" + importId, CSIAU).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aLineTooLongIsRefusedAloneAndAStreamTooLargeIsRefusedOrStopped() {
        String longLine = line("organisation", Map.of("ref", "long"), Map.of("name", "x".repeat(70_000),
                "country", "AU"));
        String good = line("organisation", Map.of("ref", "fine"), Map.of("name", "Fine " + UUID.randomUUID(),
                "country", "AU"));
        Map<Integer, JsonNode> answer = byLine(importStream(CSIAU, null, longLine + "\n" + good));
        assertThat(answer.get(1).path("status").asInt()).isEqualTo(413);
        assertThat(answer.get(1).path("problem").path("type").asText()).isEqualTo("/problems/payload-too-large");
        assertThat(answer.get(2).path("status").asInt()).isEqualTo(201);

        String big = (good + "\n").repeat(2_000);
        HttpResponse<String> tooLarge = send(importRequest(CSIAU, null).POST(HttpRequest.BodyPublishers
                .ofString(big)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        // without a Content-Length the stream is read until the limit, then stopped with the lines before it kept
        long before = events();
        String lines = line("organisation", Map.of("ref", "first"), Map.of("name", "First " + UUID.randomUUID(),
                "country", "AU")) + "\n" + "{}\n".repeat(100_000);
        HttpResponse<String> stopped = send(importRequest(CSIAU, null).POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)))));
        List<JsonNode> results = parse(stopped.body());
        JsonNode last = results.get(results.size() - 1);
        assertThat(last.path("summary").path("state").asText()).isEqualTo("STOPPED");
        assertThat(last.path("problem").path("status").asInt()).isEqualTo(413);
        assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
        assertThat(events()).isEqualTo(before + 1);
    }

    private static String line(String kind, Map<String, String> envelope, Map<String, ?> body) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.putAll(envelope);
        line.put("body", body);
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> audit(String auditId, String auditedOn, int score) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auditId", auditId);
        body.put("standardVersion", "ICSS:2020-2025");
        body.put("auditType", "CERTIFICATION");
        body.put("auditedOn", auditedOn);
        body.put("auditor", "R. Inspector");
        body.put("scores", scores(score));
        return body;
    }

    private static Map<String, Integer> scores(int score) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        ICSS_2020.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }

    private static Map<Integer, JsonNode> byLine(List<JsonNode> answer) {
        Map<Integer, JsonNode> byLine = new LinkedHashMap<>();
        answer.stream().filter(result -> result.has("line")).forEach(result -> byLine.put(result.path("line")
                .asInt(), result));
        return byLine;
    }

    private List<JsonNode> importStream(TestKeys.Key key, String idempotencyKey, String ndjson) {
        HttpResponse<String> response = send(importRequest(key, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        return parse(response.body());
    }

    private static List<JsonNode> parse(String ndjson) {
        return ndjson.lines().filter(result -> !result.isBlank()).map(BulkImportTest::json).toList();
    }

    private static HttpRequest.Builder importRequest(TestKeys.Key key, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/v1/imports")))
                .header("X-API-Key", key.key()).header("Content-Type", "application/x-ndjson");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private String register(TestKeys.Key key, String name, String country) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/api/v1/organisations")))
                .header("X-API-Key", key.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"country\":\"" + country
                        + "\",\"registeredOn\":\"2015-01-01\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body()).path("organisationId").asText();
    }

    private JsonNode get(String path, TestKeys.Key key) {
        return json(send(HttpRequest.newBuilder(URI.create(url(path))).header("X-API-Key", key.key())).body());
    }

    private int getStatus(String path, TestKeys.Key key) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-API-Key", key.key())).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private static int port() {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    private static long events() {
        return service.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry",
                Long.class);
    }

    private static List<String> eventTypes(String org) {
        return service.getBean(JdbcTemplate.class).queryForList("SELECT payload_type FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, org).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }
}
