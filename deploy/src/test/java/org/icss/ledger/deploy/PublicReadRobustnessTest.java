package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No 500 on a public read: bad paging, NUL in a parameter, dates and instants outside what PostgreSQL holds are 400
 * problem+json naming the parameter; HEAD works wherever GET does; what Tomcat refuses itself (an oversized header,
 * a bad % escape, TRACE) is problem+json too, checked over a plain socket.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class PublicReadRobustnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LedgerSystem ledger;
    private static String org;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name", "Read Bank",
                "country", "AU", "memberBody", "CSIAU", "registeredOn", "2020-02-01"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        org = registered.json().path("organisationId").asText();
        // the registry learns of the organisation from Kafka: the reads below are about an organisation it knows
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ledger.get("registry-query", "/api/v1/registry/organisations/" + org).status() == 200);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/registry/organisations?size=101                                   | size",
            "/api/v1/registry/organisations?size=0                                     | size",
            "/api/v1/registry/organisations?page=-1                                    | page",
            "/api/v1/registry/organisations?page=99999999999                           | page",
            "/api/v1/registry/organisations?q=Bank%00                                  | q",
            "/api/v1/registry/organisations?country=A%00                               | country",
            "/api/v1/registry/organisations?memberBody=%00                             | memberBody",
            "/api/v1/registry/organisations?q=%EF%BF%BE                                | q",
            "/api/v1/registry/organisations?q=%1B%5B31m                                | q",
            "/api/v1/registry/organisations?asOf=-999999999-01-01                      | asOf",
            "/api/v1/registry/organisations?asOf=%2B999999999-12-31                    | asOf",
            "/api/v1/registry/organisations?asOf=2024-13-01                            | asOf",
            "/api/v1/registry/organisations?tier=SILVER                                | tier",
            "/api/v1/registry/organisations/{org}?asOf=-999999999-01-01                | asOf",
            "/api/v1/registry/organisations/{org}?asOf=%2B999999999-12-31              | asOf",
            "/api/v1/registry/organisations/{org}?knownAt=%2B1000000000-01-01T00:00:00Z | knownAt",
            "/api/v1/registry/organisations/{org}?knownAt=-1000000000-01-01T00:00:00Z  | knownAt",
            "/api/v1/registry/organisations/{org}?knownAt=yesterday                    | knownAt",
            "/api/v1/registry/organisations/{org}/timeline?through=%2B999999999-12-31  | through",
            "/api/v1/registry/organisations/{org}/timeline?knownAt=%2B1000000000-01-01T00:00:00Z | knownAt",
            "/api/v1/registry/platinum?asOf=-999999999-01-01                           | asOf",
            "/api/v1/registry/platinum?knownAt=%2B1000000000-01-01T00:00:00Z           | knownAt",
            "/api/v1/registry/certificates/ICSS-G-2025-0000000000?asOf=%2B999999999-12-31 | asOf",
            "/api/v1/registry/certificates/ICSS-G-2025-0000000000?knownAt=%2B1000000000-12-31T00:00:00Z | knownAt",
    })
    void aHostileQueryIsA400NamingTheParameter(String path, String parameter) {
        Response response = ledger.send("GET", "registry-query", path.replace("{org}", org), null, null);
        MemberBodyApiTest.assertProblem(response, 400, "/problems/bad-request");
        assertThat(response.json().path("errors").has(parameter)).as(response.body()).isTrue();
    }

    @Test
    void theEdgesOfTheReadWindowAreAnswered() {
        for (String path : new String[]{"/api/v1/registry/organisations?asOf=0001-01-01",
                "/api/v1/registry/organisations?asOf=9999-12-31&size=100&page=0",
                "/api/v1/registry/organisations/" + org + "?asOf=9999-12-31&knownAt=9999-12-31T23:59:59Z",
                "/api/v1/registry/organisations/" + org + "/timeline?through=0001-01-01",
                "/api/v1/registry/platinum?asOf=0001-01-01&knownAt=0001-01-01T00:00:00Z"}) {
            Response response = ledger.send("GET", "registry-query", path, null, null);
            assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void headWorksWhereverGetDoes() {
        for (String path : new String[]{"/api/v1/registry/organisations?q=bank", "/api/v1/registry/organisations/" + org,
                "/api/v1/registry/organisations/" + org + "/timeline", "/api/v1/registry/platinum", "/",
                "/actuator/health"}) {
            int get = ledger.send("GET", "registry-query", path, null, null).status();
            Response head = ledger.send("HEAD", "registry-query", path, null, null);
            assertThat(head.status()).as("HEAD " + path).isEqualTo(get).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
        assertThat(ledger.send("HEAD", "registry-query", "/api/v1/registry/organisations/nobody", null, null)
                .status()).isEqualTo(404);
        assertThat(ledger.send("HEAD", "registry-query", "/api/v1/registry/organisations?size=101", null, null)
                .status()).isEqualTo(400);
        // HEAD of what needs a key still needs one
        assertThat(ledger.send("HEAD", "registry-query", "/api/v1/reports/organisations/" + org, null, null)
                .status()).isEqualTo(401);
    }

    @Test
    void aPublicAnswerCarriesAnEntityTagAndAConditionalGetIsAnswered304() {
        for (String path : new String[]{"/api/v1/registry/organisations/" + org,
                "/api/v1/registry/organisations/" + org + "?asOf=2024-01-01",
                "/api/v1/registry/organisations?q=read", "/api/v1/registry/platinum"}) {
            Response first = ledger.send("GET", "registry-query", path, null, null);
            assertThat(first.status()).as(path).isEqualTo(200);
            String tag = first.header("ETag");
            assertThat(tag).as(path).isNotBlank();
            assertThat(first.header("Cache-Control")).as(path).contains("max-age=30").contains("public");

            Response again = ledger.send("GET", "registry-query", path, null, null, Map.of("If-None-Match", tag));
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            Response other = ledger.send("GET", "registry-query", path, null, null,
                    Map.of("If-None-Match", "\"something-else\""));
            assertThat(other.status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void todaysStandingGetsANewEntityTagWhenItChanges() {
        String path = "/api/v1/registry/organisations/" + org;
        String before = ledger.send("GET", "registry-query", path, null, null).header("ETag");
        Response markBefore = ledger.send("GET", "registry-query", path + "/mark.svg", null, null);
        assertThat(markBefore.status()).isEqualTo(200);
        assertThat(markBefore.contentType()).startsWith("image/svg+xml");
        assertThat(markBefore.body()).contains("Not ICSS certified").doesNotContain("ICSS Gold");
        assertThat(markBefore.header("Cache-Control")).contains("max-age=30");
        Response audited = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                MemberBodyApiTest.audit("etag-1", java.time.LocalDate.now().minusMonths(2).toString(), 7));
        assertThat(audited.status()).as(audited.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ledger.get("registry-query", path).json().path("tier").asText().equals("GOLD"));
        Response now = ledger.send("GET", "registry-query", path, null, null, Map.of("If-None-Match", before));
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.header("ETag")).isNotEqualTo(before);
        Response mark = ledger.send("GET", "registry-query", path + "/mark.svg", null, null,
                Map.of("If-None-Match", markBefore.header("ETag")));
        assertThat(mark.status()).isEqualTo(200);
        assertThat(mark.body()).contains("ICSS Gold").contains("Read Bank").contains("/#/organisations/" + org);
        assertThat(ledger.send("GET", "registry-query", path + "/mark.svg", null, null,
                Map.of("If-None-Match", mark.header("ETag"))).status()).isEqualTo(304);
    }

    @Test
    void anOversizedHeaderIsAProblem() throws IOException {
        for (String service : new String[]{"registry-query", "audit-service"}) {
            Raw raw = raw(service, "GET /api/v1/registry/organisations HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(9 * 1024) + "\r\nConnection: close\r\n\r\n");
            assertRawProblem(raw, 400);
        }
    }

    @Test
    void aBadPercentEscapeInThePathIsAProblem() throws IOException {
        assertRawProblem(raw("registry-query", "GET /api/v1/registry/organisations/%zz HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 400);
        assertRawProblem(raw("registry-query", "GET /api/v1/registry/organisations/%00 HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 400);
    }

    @Test
    void aBadPercentEscapeInTheQueryIsNeverAServerError() throws IOException {
        Raw raw = raw("registry-query", "GET /api/v1/registry/organisations?q=%zz&country=%C0 HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw.status()).as(raw.text()).isLessThan(500);
        if (raw.status() >= 400) {
            assertRawProblem(raw, raw.status());
        }
    }

    @Test
    void traceIsAProblem() throws IOException {
        for (String service : new String[]{"registry-query", "audit-service"}) {
            Raw raw = raw(service, "TRACE /api/v1/registry/organisations HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n");
            assertRawProblem(raw, 405);
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    record Raw(int status, String headers, String body) {
        String text() {
            return headers + "\r\n\r\n" + body;
        }
    }

    private static Raw raw(String service, String request) throws IOException {
        URI uri = URI.create(ledger.url(service, "/"));
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            String text = read.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String headers = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = Integer.parseInt(headers.split(" ", 3)[1]);
            return new Raw(status, headers, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int end = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, end).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
        return body.toString();
    }

    private static void assertRawProblem(Raw raw, int status) throws IOException {
        assertThat(raw.status()).as(raw.text()).isEqualTo(status);
        assertThat(raw.headers().toLowerCase()).as(raw.text()).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(raw.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("/problems/");
        assertThat(raw.body()).doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("<html");
    }
}
