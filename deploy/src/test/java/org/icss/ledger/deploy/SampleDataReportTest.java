package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/sample-data.sh run as a new user would, against the four services, and the performance report it gives an
 * organisation with several audits: a trend over the years, expectation gaps, benchmarks among the sample's
 * organisations. The report's JSON, HTML and PDF are left in target/sample-data.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class SampleDataReportTest {

    @Test
    void theSampleDataGivesASensibleReport(LedgerInfrastructure infra) throws Exception {
        try (LedgerSystem ledger = LedgerSystem.start(infra)) {
            ProcessBuilder script = new ProcessBuilder("bash", "sample-data.sh").redirectErrorStream(true);
            Map<String, String> env = script.environment();
            env.put("AUDIT_URL", ledger.url("audit-service", ""));
            env.put("CERTIFICATION_URL", ledger.url("certification-service", ""));
            env.put("AWARDS_URL", ledger.url("awards-service", ""));
            env.put("REGISTRY_URL", ledger.url("registry-query", ""));
            for (String owner : List.of("APCSC", "HKCSC", "CSIA", "HICS", "CSIAU", "SECRETARIAT", "COMPLIANCE")) {
                env.put("ICSS_KEY_" + owner, ledger.key(owner));
            }
            Path output = Path.of("target", "sample-data");
            Files.createDirectories(output);
            Process run = script.redirectOutput(output.resolve("sample-data.log").toFile()).start();
            assertThat(run.waitFor()).as(Files.readString(output.resolve("sample-data.log"))).isZero();

            JsonNode hits = ledger.get("registry-query", "/api/v1/registry/organisations?q=harbourside").json();
            String id = hits.at("/items/0/organisationId").asText();
            int audits = ledger.database("audit-service").queryForObject("SELECT count(*) FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ? AND payload_type LIKE '%AuditScored'", Integer.class, id);
            String report = "/api/v1/reports/organisations/" + id;
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                LedgerSystem.Response response = ledger.send("GET", "registry-query", report, null,
                        ledger.key("CSIAU"));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().at("/trend").size()).isEqualTo(audits);
            });

            JsonNode json = ledger.send("GET", "registry-query", report, null, ledger.key("CSIAU")).json();
            Files.writeString(output.resolve("harbourside.json"), json.toPrettyString());
            assertThat(json.at("/organisation/name").asText()).isEqualTo("Harbourside Credit Union");
            assertThat(audits).isGreaterThanOrEqualTo(10);
            assertThat(json.at("/overallMean").asDouble()).isBetween(6.0, 10.0);
            assertThat(json.at("/previousAudit/auditId").isTextual()).isTrue();
            assertThat(json.at("/attributes").size()).isEqualTo(25);
            assertThat(json.at("/expectationGaps").size()).isEqualTo(25);
            assertThat(json.at("/benchmarks/0/shown").asBoolean()).isTrue();
            assertThat(json.at("/benchmarks/0/organisations").asInt()).isGreaterThanOrEqualTo(20);
            assertThat(json.at("/benchmarks/1/scope").asText()).isEqualTo("AU");
            assertThat(json.at("/benchmarks/1/shown").asBoolean()).isTrue();
            assertThat(json.at("/trend/0/auditedOn").asText()).startsWith("2016");

            String html = ledger.send("GET", "registry-query", report + "/report.html", null, ledger.key("CSIAU"))
                    .body();
            Files.writeString(output.resolve("harbourside.html"), html, StandardCharsets.UTF_8);
            assertThat(html).contains("Harbourside Credit Union", "id=\"trend-chart\"");
            writePdf(ledger, report, output.resolve("harbourside.pdf"));
        }
    }

    private static void writePdf(LedgerSystem ledger, String report, Path file) throws IOException,
            InterruptedException {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(ledger.url("registry-query", report + "/report.pdf")))
                .header("X-API-Key", ledger.key("COMPLIANCE")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        Files.write(file, response.body());
    }
}
