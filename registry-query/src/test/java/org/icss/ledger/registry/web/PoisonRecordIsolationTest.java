package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.registry.query.registry.RegistryProjection;
import org.icss.ledger.registry.query.reports.ReportProjection;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records no consumer can handle, published straight to the topic (past every check of the write API) among a
 * thousand good ones, in batches that mix both, do not hold up anybody else: every good record reaches the registry,
 * each poison record is dead-lettered once with its organisation's later records parked behind it, and the parked
 * organisations flow again once the cause is gone and compliance retries them, or once compliance skips the record
 * with a reason. Nothing is lost and nothing is applied twice.
 * <p>
 * Two kinds of poison: records the database cannot store at all (a NUL in a text, a date PostgreSQL cannot hold),
 * which compliance skips; and good records that fail because of a fault planted in the registry's database (a
 * trigger), which a retry handles once the trigger is gone.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class PoisonRecordIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant RECORDED = Instant.parse("2026-01-10T09:00:00Z");
    private static final LocalDate REGISTERED = LocalDate.of(2016, 2, 1);
    private static final LocalDate AWARDED = LocalDate.of(2025, 3, 1);
    private static final int GOOD_ORGANISATIONS = 495;
    private static final int MALFORMED = 5;
    private static final int PLANTED = 5;
    private static final String DEAD_LETTERS = "/api/v1/compliance/dead-letters/registry";

    @Test
    void poisonRecordsAreDeadLetteredOnceWhileEveryGoodRecordReachesTheRegistryAndParkedOrganisationsResume(
            LedgerInfrastructure infra) throws Exception {
        try (ReportService service = new ReportService(infra, "poison", "--icss.web.rate-limit.enabled=false")) {
            JdbcTemplate jdbc = service.context.getBean(JdbcTemplate.class);
            String schema = jdbc.queryForObject("SELECT g.schema_name FROM registry_current c "
                    + "JOIN registry_generation g ON g.generation = c.generation", String.class);

            List<String> good = new ArrayList<>();
            List<String> malformed = new ArrayList<>();
            List<String> planted = new ArrayList<>();
            for (int i = 0; i < GOOD_ORGANISATIONS; i++) {
                good.add("org-good-" + i);
            }
            for (int i = 0; i < MALFORMED; i++) {
                malformed.add("org-malformed-" + i);
            }
            for (int i = 0; i < PLANTED; i++) {
                planted.add("org-planted-" + i);
            }
            // the planted fault: the registry's certificate table refuses the planted organisations' certificates
            jdbc.execute("CREATE FUNCTION " + schema + ".test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.organisation_id LIKE 'org-planted-%' THEN "
                    + "RAISE EXCEPTION 'planted by the test' USING ERRCODE = 'check_violation'; END IF; "
                    + "RETURN NEW; END $$");
            jdbc.execute("CREATE TRIGGER test_poison BEFORE INSERT ON " + schema + ".certificate "
                    + "FOR EACH ROW EXECUTE FUNCTION " + schema + ".test_poison()");

            // 1,000 good records (two per organisation, the poisoned ones' registrations included), the 10 poison
            // records, and one more good record of each poisoned organisation that has to wait behind its poison,
            // interleaved so that the processors' batches (up to 100 records) mix them
            List<LedgerEvent> events = new ArrayList<>();
            Map<String, Integer> expectedHistory = new HashMap<>();
            for (int i = 0; i < GOOD_ORGANISATIONS; i++) {
                events.add(registered(good.get(i)));
                expectedHistory.put(good.get(i), 2);
            }
            for (String org : malformed) {
                events.add(registered(org));
            }
            for (String org : planted) {
                events.add(registered(org));
            }
            List<LedgerEvent> second = new ArrayList<>();
            for (String org : good) {
                second.add(gold(org, AWARDED.plusYears(3)));
            }
            for (int i = 0; i < MALFORMED; i++) {
                second.add(50 + 90 * i, malformed(i, malformed.get(i)));
            }
            for (int i = 0; i < PLANTED; i++) {
                second.add(95 + 90 * i, gold(planted.get(i), AWARDED.plusYears(3)));
            }
            events.addAll(second);
            for (String org : malformed) {
                events.add(award(org));
            }
            for (String org : planted) {
                events.add(award(org));
            }
            assertThat(events).hasSize(1000 + MALFORMED + PLANTED + MALFORMED + PLANTED);

            // sent together: the processors fall behind at once and take up to 100 waiting records per batch
            service.publishTogether(events);

            // every good organisation's records reach the registry, around the poison
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(jdbc, "SELECT count(*) FROM " + schema + ".certificate") == GOOD_ORGANISATIONS);
            for (String org : List.of(good.get(0), good.get(60), good.get(250), good.get(494))) {
                JsonNode standing = get(service, "/api/v1/registry/organisations/" + org, null);
                assertThat(standing.path("tier").asText()).as(org).isEqualTo("GOLD");
            }
            // each poison record is a dead letter of the registry, with the organisation's later record behind it
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(letters(service, RegistryProjection.GROUP)).hasSize(2 * (MALFORMED + PLANTED)));
            List<JsonNode> letters = letters(service, RegistryProjection.GROUP);
            Set<String> failedSequences = new TreeSet<>();
            Set<String> parkedSequences = new TreeSet<>();
            for (JsonNode letter : letters) {
                if (letter.path("causeType").isTextual()) {
                    failedSequences.add(letter.path("sequence").asText());
                    assertThat(letter.path("attempts").asInt()).isEqualTo(3);
                    assertThat(letter.path("eventType").asText()).isNotEqualTo("AwardWon");
                } else {
                    parkedSequences.add(letter.path("sequence").asText());
                    assertThat(letter.path("eventType").asText()).isEqualTo("AwardWon");
                }
            }
            Set<String> poisoned = new TreeSet<>(malformed);
            poisoned.addAll(planted);
            assertThat(failedSequences).as("exactly one dead letter per poison record").isEqualTo(poisoned);
            assertThat(parkedSequences).isEqualTo(poisoned);
            // the reports' own processor parks only poisoned organisations too
            for (JsonNode letter : letters(service, ReportProjection.GROUP)) {
                assertThat(poisoned).contains(letter.path("sequence").asText());
            }

            // the registry is not frozen: an organisation registered now shows at once
            service.publishTogether(List.of(registered("org-after"), gold("org-after", AWARDED.plusYears(3))));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    "GOLD".equals(get(service, "/api/v1/registry/organisations/org-after", null).path("tier").asText()));

            // the planted fault removed, a retry: the planted organisations' certificates and awards arrive, once
            jdbc.execute("DROP TRIGGER test_poison ON " + schema + ".certificate");
            JsonNode retried = post(service, DEAD_LETTERS + "/" + RegistryProjection.GROUP + "/retry", null);
            assertThat(retried.path("before").asLong()).isEqualTo(2L * (MALFORMED + PLANTED));
            assertThat(retried.path("after").asLong()).as("the malformed records fail again and stay")
                    .isEqualTo(2L * MALFORMED);
            for (String org : planted) {
                assertThat(get(service, "/api/v1/registry/organisations/" + org, null).path("tier").asText())
                        .as(org).isEqualTo("GOLD");
                expectedHistory.put(org, 3);
            }

            // the malformed records skipped with a reason: the awards behind them are applied, the poison is not
            for (JsonNode letter : letters(service, RegistryProjection.GROUP)) {
                if (letter.path("causeType").isTextual()) {
                    JsonNode skipped = post(service, DEAD_LETTERS + "/" + RegistryProjection.GROUP + "/letters/"
                                    + letter.path("eventId").asText() + "/skip",
                            "{\"reason\":\"malformed record accepted before input checks; reported to the member body\"}");
                    assertThat(skipped.path("sequence").path("after").asLong()).isNotNegative();
                }
            }
            assertThat(letters(service, RegistryProjection.GROUP)).isEmpty();
            for (String org : malformed) {
                expectedHistory.put(org, 2);
            }
            JsonNode skips = get(service, DEAD_LETTERS + "/skips", service.compliance.key());
            assertThat(skips.path("count").asInt()).isEqualTo(MALFORMED);
            for (JsonNode skip : skips.path("skips")) {
                assertThat(skip.path("reason").asText()).startsWith("malformed record");
                assertThat(skip.path("skippedBy").asText()).contains("COMPLIANCE");
                assertThat(malformed).contains(skip.path("sequence").asText());
            }

            // nothing lost, nothing twice: each organisation's history has exactly its applied records
            expectedHistory.put("org-after", 2);
            Map<String, Integer> history = new HashMap<>();
            jdbc.query("SELECT organisation_id, count(*) AS n FROM " + schema + ".history_entry "
                    + "GROUP BY organisation_id", row -> {
                history.put(row.getString("organisation_id"), row.getInt("n"));
            });
            assertThat(history).isEqualTo(expectedHistory);
            assertThat(count(jdbc, "SELECT count(*) FROM " + schema + ".award")).isEqualTo(MALFORMED + PLANTED);
            assertThat(count(jdbc, "SELECT count(*) FROM " + schema + ".certificate"))
                    .isEqualTo(GOOD_ORGANISATIONS + PLANTED + 1);
        }
    }

    private static OrganisationRegistered registered(String org) {
        return new OrganisationRegistered(new OrganisationId(org), id(org + "/registered"), REGISTERED, RECORDED,
                MemberBody.CSIAU, "Organisation " + org, "AU");
    }

    private static GoldAwarded gold(String org, LocalDate validUntil) {
        return new GoldAwarded(new OrganisationId(org), id(org + "/gold"), AWARDED, RECORDED,
                new CertificateNumber("ICSS-G-2025-" + org), StandardVersion.ICSS_2020_2025, validUntil,
                "audit-" + org);
    }

    private static AwardWon award(String org) {
        return new AwardWon(new OrganisationId(org), id(org + "/award"), LocalDate.of(2025, 11, 20), RECORDED,
                "award-" + org, 2025, "Customer Service Team of the Year");
    }

    /** A record of a kind the hostile client got accepted: a NUL in a text, or a date PostgreSQL cannot hold. */
    private static LedgerEvent malformed(int kind, String org) {
        OrganisationId id = new OrganisationId(org);
        return switch (kind % 4) {
            case 0 -> new HealthCheckFailed(id, id(org + "/check"), LocalDate.of(2025, 3, 2), RECORDED,
                    MemberBody.CSIAU, "check-1", "Missed\u0000");
            case 1 -> new AuditScored(id, id(org + "/audit"), LocalDate.of(2025, 3, 2), RECORDED, MemberBody.CSIAU,
                    "audit-1", StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "R. Inspector\u0000",
                    Map.of("SRV-01", 7));
            case 2 -> gold(org, LocalDate.of(9_999_999, 1, 1));
            default -> new CertificationSuspended(id, id(org + "/suspended"), LocalDate.of(-4800, 1, 1), RECORDED,
                    new CertificateNumber("ICSS-G-2025-" + org), CertificationSuspended.SuspensionCause.HEALTH_CHECK_MISSED,
                    "2026");
        };
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static List<JsonNode> letters(ReportService service, String group) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        get(service, DEAD_LETTERS + "?processingGroup=" + group, service.compliance.key()).path("deadLetters")
                .forEach(letters::add);
        return letters;
    }

    private static JsonNode get(ReportService service, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(ReportService service, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl + path))
                .header("X-API-Key", service.compliance.key())
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
