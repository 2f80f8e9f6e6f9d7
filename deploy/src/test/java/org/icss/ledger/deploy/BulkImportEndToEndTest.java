package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk import decides as the single endpoints do: the same histories of four organisations (Certified and Gold,
 * failed and missed health checks, reinstatement, re-certification, corrections, withdrawals, a backfill out of order)
 * are posted one report at a time by one member body and as one NDJSON import (seven lines to a transaction) by
 * another, to the same running ledger. Every event audit-service recorded and certification-service announced for each
 * organisation is the same in both, ids and instants aside.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class BulkImportEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Standard ICSS_2015 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2015_2020).orElseThrow();
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CERTIFICATE = Pattern.compile("(ICSS-[GC]-\\d{4}-)[0-9A-F]{10}");

    private static LedgerSystem ledger;

    /** A report of an organisation's history: the single endpoint's path below the organisation, and its body. */
    private record Report(String kind, String auditId, String healthCheckId, Map<String, Object> body) {

        String path() {
            return switch (kind) {
                case "audit" -> "/audits";
                case "health-check" -> "/health-checks";
                case "audit-correction" -> "/audits/" + auditId + "/corrections";
                case "audit-withdrawal" -> "/audits/" + auditId + "/withdrawal";
                case "health-check-correction" -> "/health-checks/" + healthCheckId + "/corrections";
                case "health-check-withdrawal" -> "/health-checks/" + healthCheckId + "/withdrawal";
                default -> throw new IllegalArgumentException(kind);
            };
        }
    }

    private record History(String name, String country, String registeredOn, List<Report> reports) {
    }

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(LedgerSystem.Backing.of(infra), Clock.systemUTC(), "--icss.imports.batch-size=7");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void anImportGivesTheSameEventsAsTheSameReportsPostedOneByOne() {
        List<History> histories = histories();

        List<String> oneByOne = new ArrayList<>();
        for (History history : histories) {
            Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name",
                    history.name(), "country", history.country(), "memberBody", "HKCSC", "registeredOn",
                    history.registeredOn()));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String org = registered.json().path("organisationId").asText();
            for (Report report : history.reports()) {
                Response posted = ledger.post("audit-service", "/api/v1/organisations/" + org + report.path(),
                        report.body());
                assertThat(posted.status()).as(report + " -> " + posted.body()).isEqualTo(201);
            }
            oneByOne.add(org);
        }

        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < histories.size(); i++) {
            History history = histories.get(i);
            stream.append(line(Map.of("kind", "organisation", "ref", "org-" + i, "body", Map.of("name",
                    history.name(), "country", history.country(), "registeredOn", history.registeredOn()))));
            for (Report report : history.reports()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("kind", report.kind());
                line.put("ref", "org-" + i);
                if (report.auditId() != null) {
                    line.put("auditId", report.auditId());
                }
                if (report.healthCheckId() != null) {
                    line.put("healthCheckId", report.healthCheckId());
                }
                line.put("body", report.body());
                stream.append(line(line));
            }
        }
        Response imported = ledger.send("POST", "audit-service", "/api/v1/imports", stream.toString(),
                ledger.key("CSIAU"), Map.of("Content-Type", "application/x-ndjson", "Idempotency-Key", "e2e-1"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        List<JsonNode> results = MemberBodyApiTest.parseLines(imported.body());
        List<String> bulk = new ArrayList<>();
        for (JsonNode result : results.subList(0, results.size() - 1)) {
            assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201);
            if (result.path("kind").asText().equals("organisation")) {
                bulk.add(result.path("result").path("organisationId").asText());
            }
        }
        assertThat(results.get(results.size() - 1).path("summary").path("accepted").asInt())
                .isEqualTo(results.size() - 1);

        MemberBodyApiTest.awaitQuiet(ledger);
        assertThat(ledger.post("certification-service", "/api/v1/operations/advance", Map.of()).status())
                .isEqualTo(200);

        List<String> announced = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            for (String service : List.of("audit-service", "certification-service")) {
                List<String> single = events(service, oneByOne.get(i));
                assertThat(events(service, bulk.get(i))).as(service + ", " + histories.get(i).name())
                        .containsExactlyElementsOf(single);
                single.forEach(event -> announced.add(event.substring(0, event.indexOf(' '))));
            }
        }
        assertThat(announced).contains("GoldAwarded", "CertificationGranted", "CertificationSuspended",
                "CertificationReinstated", "CertificateSuperseded", "CertificationWithdrawn",
                "CertificationChangeRevoked");
    }

    /** Four organisations' histories, most of the lifecycle between them. */
    private static List<History> histories() {
        List<History> histories = new ArrayList<>();
        histories.add(new History("Coastal Telecom", "HK", "2016-01-10", List.of(
                audit("c-1", ICSS_2015, "CERTIFICATION", "2016-03-01", 5),
                audit("c-2", ICSS_2015, "CERTIFICATION", "2017-02-15", 7),
                check("c-h1", "2018-02-10", null),
                check("c-h2", "2018-09-01", "complaints log not kept"),
                check("c-h3", "2018-10-15", null),
                check("c-h4", "2019-02-14", null),
                audit("c-3", ICSS_2015, "RECERTIFICATION", "2019-12-01", 8))));
        histories.add(new History("Harbour Credit", "AU", "2020-02-01", List.of(
                audit("h-1", ICSS_2020, "CERTIFICATION", "2020-03-01", 6),
                new Report("audit-correction", "h-1", null, Map.of("scores", scores(ICSS_2020, 5), "reason",
                        "scores entered one too high")),
                check("h-h1", "2021-03-01", null),
                new Report("health-check-withdrawal", null, "h-h1", Map.of("reason", "posted for the wrong site")),
                audit("h-2", ICSS_2020, "ANNUAL", "2022-03-01", 7))));
        histories.add(new History("Island Water", "NZ", "2021-01-05", List.of(
                audit("i-1", ICSS_2020, "CERTIFICATION", "2021-02-01", 8),
                check("i-h1", "2022-02-01", null),
                check("i-h2", "2023-02-01", "no service charter"),
                new Report("health-check-correction", null, "i-h2", Map.of("result", "PASSED", "reason",
                        "the charter was found")),
                audit("i-2", ICSS_2020, "RECERTIFICATION", "2024-01-15", 9),
                audit("i-3", ICSS_2020, "CERTIFICATION", "2024-06-01", 3),
                new Report("audit-withdrawal", "i-3", null, Map.of("reason", "auditor not accredited")))));
        histories.add(new History("Late Ledger Bank", "GB", "2017-01-01", List.of(
                audit("l-2", ICSS_2015, "RECERTIFICATION", "2019-06-01", 7),
                audit("l-1", ICSS_2015, "CERTIFICATION", "2017-03-01", 6),
                check("l-h1", "2018-03-01", null))));
        return histories;
    }

    private static Report audit(String auditId, Standard standard, String type, String auditedOn, int score) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auditId", auditId);
        body.put("standardVersion", standard.version().code());
        body.put("auditType", type);
        body.put("auditedOn", auditedOn);
        body.put("auditor", "R. Inspector");
        body.put("scores", scores(standard, score));
        return new Report("audit", null, null, body);
    }

    private static Report check(String healthCheckId, String checkedOn, String failedFor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthCheckId", healthCheckId);
        body.put("checkedOn", checkedOn);
        body.put("result", failedFor == null ? "PASSED" : "FAILED");
        if (failedFor != null) {
            body.put("reason", failedFor);
        }
        return new Report("health-check", null, null, body);
    }

    private static Map<String, Object> scores(Standard standard, int score) {
        return MemberBodyApiTest.scores(standard, score);
    }

    private static String line(Map<String, Object> line) {
        return MemberBodyApiTest.json(line) + "\n";
    }

    /**
     * The organisation's events in a service's event store, in order: type and payload without what differs between
     * two organisations with the same history (event ids, instants, the organisation's id and member body, ids and
     * certificate numbers derived from them).
     */
    private static List<String> events(String service, String org) {
        return ledger.database(service).query("SELECT payload_type, convert_from(payload, 'UTF8') AS payload "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> {
                    String type = rs.getString(1);
                    try {
                        return type.substring(type.lastIndexOf('.') + 1) + " "
                                + masked(JSON.readTree(rs.getString(2)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, org);
    }

    private static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("eventId", "recordedAt", "organisationId", "memberBody"));
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(masked(field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, masked(node.get(i)));
            }
            return node;
        }
        if (node.isTextual()) {
            String text = UUID_TEXT.matcher(node.asText()).replaceAll("<id>");
            return new TextNode(CERTIFICATE.matcher(text).replaceAll("$1<n>"));
        }
        return node;
    }
}
