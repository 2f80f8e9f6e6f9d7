package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.serialization.Serializer;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.registry.query.reports.ReportHistories;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.icss.ledger.registry.query.reports.ReportHistories.HONG_KONG;
import static org.icss.ledger.registry.query.reports.ReportHistories.SUBJECT;

/**
 * The performance report over HTTP, from events that came through Kafka (one of them in AuditScored's first shape):
 * who may read it, the JSON, the HTML page and the PDF; and that the public registry still shows no scores.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ReportApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ReportService service;

    @BeforeAll
    static void start(LedgerInfrastructure infra) throws Exception {
        service = new ReportService(infra, "report_api");
        List<LedgerEvent> events = ReportHistories.sample();
        AuditScored kowloon = events.stream().filter(e -> e instanceof AuditScored a
                && a.organisationId().value().equals(HONG_KONG)).map(AuditScored.class::cast).findFirst().orElseThrow();
        service.publish(events, List.of(kowloon));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/api/v1/reports/organisations/org-late", service.compliance.key()).statusCode())
                    .isEqualTo(200);
            assertThat(get("/api/v1/registry/organisations/org-late", null).statusCode()).isEqualTo(200);
        });
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @ParameterizedTest(name = "{0} key reading {1}: {2}")
    @CsvSource(nullValues = "none", value = {
            "none,       org-harbourside, 401",
            "csiau,      org-harbourside, 200",
            "hkcsc,      org-harbourside, 403",
            "hkcsc,      org-kowloon,     200",
            "csiau,      org-kowloon,     403",
            "compliance, org-harbourside, 200",
            "compliance, org-kowloon,     200",
            "admin,      org-kowloon,     200",
            "csiau,      org-unknown,     404",
            "compliance, org-unknown,     404"})
    void onlyTheCertifyingMemberBodyAndComplianceStaffReadAReport(String caller, String organisation, int status)
            throws Exception {
        String key = caller == null ? null : switch (caller) {
            case "csiau" -> service.csiau.key();
            case "hkcsc" -> service.hkcsc.key();
            case "compliance" -> service.compliance.key();
            default -> service.admin.key();
        };
        for (String path : List.of("", "/report.html", "/report.pdf")) {
            HttpResponse<String> response = get("/api/v1/reports/organisations/" + organisation + path, key);

            assertThat(response.statusCode()).as(path).isEqualTo(status);
            if (status != 200) {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void theJsonReportOfTheLatestAudit() throws Exception {
        JsonNode report = JSON.readTree(get("/api/v1/reports/organisations/" + SUBJECT,
                service.csiau.key()).body());

        assertThat(report.at("/organisation/name").asText()).isEqualTo("Harbourside Credit Union");
        assertThat(report.at("/audit/auditId").asText()).isEqualTo("h-2025");
        assertThat(report.at("/overallMean").asDouble()).isEqualTo(7.68);
        assertThat(report.at("/overallChange").asDouble()).isEqualTo(-0.36);
        assertThat(report.at("/perspectives")).hasSize(4);
        assertThat(report.at("/attributes")).hasSize(25);
        assertThat(report.at("/risks/0/attribute").asText()).isEqualTo("SRV-03");
        assertThat(report.at("/risks/0/kinds").toString()).contains("BELOW_GOLD", "FELL_SINCE_LAST_AUDIT",
                "SHORT_OF_EXPECTATION");
        assertThat(report.at("/expectationGaps")).hasSize(4);
        assertThat(report.at("/benchmarks/0/group").asText()).isEqualTo("ALL");
        assertThat(report.at("/benchmarks/0/organisations").asInt()).isEqualTo(8);
        assertThat(report.at("/benchmarks/0/overallPercentile").asDouble()).isEqualTo(31.3);
        assertThat(report.at("/trend")).hasSize(4);

        JsonNode earlier = JSON.readTree(get("/api/v1/reports/organisations/" + SUBJECT + "?audit=h-2021",
                service.csiau.key()).body());
        assertThat(earlier.at("/audit/auditId").asText()).isEqualTo("h-2021");
        assertThat(get("/api/v1/reports/organisations/" + SUBJECT + "?audit=nope", service.csiau.key())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void jsonUnlessHtmlIsAskedFor() throws Exception {
        for (String accept : List.of("*/*", "application/json", "application/json, text/plain, */*")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl
                            + "/api/v1/reports/organisations/" + SUBJECT)).header("Accept", accept)
                    .header("X-API-Key", service.csiau.key()).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(accept)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    void anAuditPublishedInTheFirstShapeReadsWithNoExpectedScores() throws Exception {
        JsonNode report = JSON.readTree(get("/api/v1/reports/organisations/" + HONG_KONG,
                service.hkcsc.key()).body());

        assertThat(report.at("/audit/auditId").asText()).isEqualTo("k-2024");
        assertThat(report.at("/overallMean").asDouble()).isEqualTo(9.0);
        assertThat(report.at("/expectationGaps")).isEmpty();
        Serializer serializer = service.context.getBean("eventSerializer", Serializer.class);
        assertThat(serializer.typeForClass(AuditScored.class).getRevision()).isEqualTo("2");
    }

    @Test
    void theHtmlPageIsTheReportWithChartsAndNeedsNoScript() throws Exception {
        HttpResponse<String> page = get("/api/v1/reports/organisations/" + SUBJECT + "/report.html",
                service.compliance.key());

        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Harbourside Credit Union", "id=\"perspective-chart\"",
                "id=\"trend-chart\"", "id=\"heat-map\"", "Risks", "Opportunities", "Expectation versus delivery",
                "Benchmarks").doesNotContain("<script");
        HttpResponse<String> negotiated = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl
                        + "/api/v1/reports/organisations/" + SUBJECT)).header("Accept", "text/html")
                .header("X-API-Key", service.csiau.key()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(negotiated.body()).contains("id=\"trend-chart\"");
    }

    @Test
    void thePdfIsTheSameReport() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl
                        + "/api/v1/reports/organisations/" + SUBJECT + "/report.pdf"))
                .header("X-API-Key", service.csiau.key()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).contains("attachment").contains(".pdf"));
        Path target = Path.of("target", "reports");
        Files.createDirectories(target);
        Files.write(target.resolve("harbourside.pdf"), response.body());
        String text;
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            // lines wrap where the page does: compare with single spaces
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Harbourside Credit Union", "h-2025", "7.68", "Risks", "SRV-03",
                "below the Gold threshold of 6", "fell by 3 since the previous audit",
                "3 short of management's expectation of 8", "Opportunities", "one point short of the Gold threshold",
                "Expectation versus delivery", "Benchmarks", "All organisations on", "Certified by CSIAU", "31.3");
        assertThat(text).doesNotContain("Download this report as PDF");
    }

    @Test
    void namesInAnyScriptAndWithMarkupCharactersAreEscapedInThePageAndPrintedInThePdf() throws Exception {
        String page = get("/api/v1/reports/organisations/org-late/report.html", service.compliance.key()).body();

        assertThat(page).contains("\u039b\u03b5\u03c9\u03c6\u03bf\u03c1\u03b5\u03af\u03b1 &amp; &lt;Late&gt; Bank")
                .doesNotContain("<Late>");
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl
                        + "/api/v1/reports/organisations/org-late/report.pdf"))
                .header("X-API-Key", service.compliance.key()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("\u039b\u03b5\u03c9\u03c6\u03bf\u03c1\u03b5\u03af\u03b1 & <Late> Bank");
        }
    }

    @Test
    void thePublicRegistryShowsNoScores() throws Exception {
        for (String path : List.of("/api/v1/registry/organisations/" + SUBJECT,
                "/api/v1/registry/organisations/" + SUBJECT + "/timeline",
                "/api/v1/registry/organisations?q=harbourside")) {
            HttpResponse<String> response = get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("Harbourside").doesNotContain("scores", "expectedScores",
                    "SRV-03", "overallMean", "percentile");
        }
    }

    private static HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
