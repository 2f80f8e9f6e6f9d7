package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The member-body API of the running system: keys and what each may do, Idempotency-Key (also across a restart),
 * every kind of bad input answered with a 4xx problem and nothing recorded, and the rate limit of public lookups.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberBodyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();
    private static final Standard ICSS_2015 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2015_2020).orElseThrow();
    private static final String FUTURE = LocalDate.now().plusDays(30).toString();
    private static final List<String> WRITE_SERVICES = List.of("audit-service", "certification-service",
            "awards-service");

    private static LedgerSystem ledger;
    /** Whether certification-service has finished its work on the earlier tests' reports. */
    private static boolean quiet;
    /** An organisation of CSIAU with audit a-1 and health check hc-1; one of HICS; a professional with a job. */
    private static String org;
    private static String hicsOrg;
    private static String professional;
    private static String employment;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
        org = register("Table Bank", "AU", "CSIAU");
        hicsOrg = register("Athens Tables", "GR", "HICS");
        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                audit("a-1", "2024-05-02", 7)).status()).isEqualTo(201);
        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/health-checks",
                Map.of("healthCheckId", "hc-1", "checkedOn", "2025-05-01", "result", "PASSED")).status())
                .isEqualTo(201);
        Response registered = ledger.post("certification-service", "/api/v1/professionals", professionalBody());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        professional = registered.json().path("professionalId").asText();
        Response employed = ledger.post("certification-service", "/api/v1/professionals/" + professional
                + "/employments", Map.of("organisationId", org, "startedOn", "2024-01-10"));
        assertThat(employed.status()).isEqualTo(201);
        employment = employed.json().path("employmentId").asText();
        // certification-service has decided the audit: nothing more is appended on its own from here
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ledger.get("registry-query", "/api/v1/registry/organisations/" + org).json().path("tier").asText()
                        .equals("GOLD"));
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- keys

    @Test
    @Order(1)
    void aMemberBodyWritesOnlyForTheOrganisationsItRegistered() {
        awaitQuiet();
        Map<String, Object> check = Map.of("checkedOn", "2025-06-01", "result", "PASSED");
        Map<String, Long> before = eventCounts();

        Response foreign = ledger.send("POST", "audit-service", "/api/v1/organisations/" + hicsOrg
                + "/health-checks", json(check), ledger.key("CSIAU"));
        assertProblem(foreign, 403, "/problems/forbidden");
        Response foreignAudit = ledger.send("POST", "audit-service", "/api/v1/organisations/" + org + "/audits",
                json(audit("hics-try", "2024-06-01", 8)), ledger.key("HICS"));
        assertProblem(foreignAudit, 403, "/problems/forbidden");
        Response forOther = ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "Not Mine", "country", "GR", "memberBody", "HICS")), ledger.key("CSIAU"));
        assertProblem(forOther, 403, "/problems/forbidden");
        assertThat(eventCounts()).isEqualTo(before);

        Response own = ledger.send("POST", "audit-service", "/api/v1/organisations/" + hicsOrg + "/health-checks",
                json(check), ledger.key("HICS"));
        assertThat(own.status()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void eachKeyDoesOnlyWhatItsRoleAllows() {
        awaitQuiet();
        Map<String, Long> before = eventCounts();
        Map<String, Object> award = Map.of("organisationId", org, "seasonYear", 2024, "category", "Role Test",
                "wonOn", "2024-11-08");
        assertProblem(ledger.send("POST", "awards-service", "/api/v1/awards", json(award), ledger.key("CSIAU")), 403,
                "/problems/forbidden");
        assertProblem(ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "By Secretariat", "country", "AU")), ledger.key("SECRETARIAT")), 403,
                "/problems/forbidden");
        assertProblem(ledger.send("POST", "certification-service", "/api/v1/operations/advance", "{}",
                ledger.key("CSIAU")), 403, "/problems/forbidden");
        assertProblem(ledger.send("POST", "audit-service", "/api/v1/admin/keys",
                json(Map.of("role", "ADMIN")), ledger.key("COMPLIANCE")), 403, "/problems/forbidden");
        assertProblem(ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "Nobody", "country", "AU")), null), 401, "/problems/unauthenticated");
        assertProblem(ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "Nobody", "country", "AU")), "icss_0000_not-a-key"), 401,
                "/problems/unauthenticated");
        assertThat(eventCounts()).isEqualTo(before);

        assertThat(ledger.send("POST", "certification-service", "/api/v1/operations/advance", "{}",
                ledger.key("COMPLIANCE")).status()).isEqualTo(200);
        assertThat(ledger.send("POST", "awards-service", "/api/v1/awards", json(award), ledger.key("SECRETARIAT"))
                .status()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void publicLookupsNeedNoKeyAndTheComplianceHistoryNeedsCompliance() {
        String history = "/api/v1/compliance/organisations/" + org + "/history";
        assertThat(ledger.send("GET", "registry-query", "/api/v1/registry/organisations/" + org, null, null)
                .status()).isEqualTo(200);
        assertThat(ledger.send("GET", "registry-query", "/actuator/health", null, null).status()).isEqualTo(200);
        assertProblem(ledger.send("GET", "registry-query", history, null, null), 401, "/problems/unauthenticated");
        assertProblem(ledger.send("GET", "registry-query", history, null, ledger.key("CSIAU")), 403,
                "/problems/forbidden");
        assertProblem(ledger.send("GET", "registry-query", history, null, ledger.key("ADMIN")), 403,
                "/problems/forbidden");
        assertThat(ledger.send("GET", "registry-query", history, null, ledger.key("COMPLIANCE")).status())
                .isEqualTo(200);
        Response withScheme = ledger.send("GET", "registry-query", history, null, null,
                Map.of("Authorization", "ApiKey " + ledger.key("COMPLIANCE")));
        assertThat(withScheme.status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aKeyIssuedAtAuditServiceWorksOnEveryServiceUntilItIsRotatedOrRevoked() {
        awaitQuiet();
        Response issued = ledger.send("POST", "audit-service", "/api/v1/admin/keys",
                json(Map.of("role", "MEMBER_BODY", "memberBody", "CSIAU", "label", "revocation test")),
                ledger.key("ADMIN"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String keyId = issued.json().path("keyId").asText();
        String key = issued.json().path("key").asText();
        assertThat(key).startsWith("icss_" + keyId + "_");
        String stored = ledger.database("audit-service").queryForObject(
                "SELECT key_sha256 FROM api_key WHERE key_id = ?", String.class, keyId);
        assertThat(stored).isNotEqualTo(key).hasSize(64);
        assertThat(ledger.send("GET", "audit-service", "/api/v1/admin/keys", null, ledger.key("ADMIN")).body())
                .contains(keyId).doesNotContain(key);

        String checks = "/api/v1/organisations/" + org + "/health-checks";
        assertThat(ledger.send("POST", "audit-service", checks,
                json(Map.of("checkedOn", "2025-06-02", "result", "PASSED")), key).status()).isEqualTo(201);
        // one key on every service: issued at audit-service, it reads a professional at certification-service
        String readProfessional = "/api/v1/professionals/" + professional;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                ledger.send("GET", "certification-service", readProfessional, null, key).status() == 200);
        // keys are administered at audit-service only
        assertThat(ledger.send("GET", "certification-service", "/api/v1/admin/keys", null, ledger.key("ADMIN"))
                .status()).isEqualTo(404);

        Response rotated = ledger.send("POST", "audit-service", "/api/v1/admin/keys/" + keyId + "/rotation", null,
                ledger.key("ADMIN"));
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(rotated.json().path("replaces").asText()).isEqualTo(keyId);
        String newKey = rotated.json().path("key").asText();
        String newKeyId = rotated.json().path("keyId").asText();
        assertProblem(ledger.send("POST", "audit-service", checks,
                json(Map.of("checkedOn", "2025-06-03", "result", "PASSED")), key), 401, "/problems/unauthenticated");
        assertThat(ledger.send("POST", "audit-service", checks,
                json(Map.of("checkedOn", "2025-06-03", "result", "PASSED")), newKey).status()).isEqualTo(201);
        // the rotated key is refused at the other services too, within seconds; its successor works there
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                ledger.send("GET", "certification-service", readProfessional, null, key).status() == 401);
        assertThat(ledger.send("GET", "certification-service", readProfessional, null, newKey).status())
                .isEqualTo(200);

        Response revoked = ledger.send("DELETE", "audit-service", "/api/v1/admin/keys/" + newKeyId, null,
                ledger.key("ADMIN"));
        assertThat(revoked.status()).isEqualTo(204);
        // revoked in one place, refused everywhere within seconds
        String history = "/api/v1/compliance/organisations/" + org + "/history";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                ledger.send("GET", "certification-service", readProfessional, null, newKey).status() == 401
                        && ledger.send("GET", "registry-query", history, null, newKey).status() == 401
                        && ledger.send("POST", "awards-service", "/api/v1/awards", "{}", newKey).status() == 401);
        awaitQuiet();
        Map<String, Long> before = eventCounts();
        Response refused = ledger.send("POST", "audit-service", checks,
                json(Map.of("checkedOn", "2025-06-04", "result", "PASSED")), newKey);
        assertProblem(refused, 401, "/problems/unauthenticated");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("ApiKey");
        assertThat(eventCounts()).isEqualTo(before);
        assertProblem(ledger.send("DELETE", "audit-service", "/api/v1/admin/keys/" + newKeyId, null,
                ledger.key("ADMIN")), 404, "/problems/not-found");
    }

    // --------------------------------------------------------------------------------------------- idempotency

    @Test
    @Order(5)
    void theSameIdempotencyKeyAndBodyAnswerTheSameAndRecordNothingAgainEvenAfterARestart() {
        String path = "/api/v1/organisations/" + org + "/health-checks";
        String body = json(Map.of("checkedOn", "2025-07-01", "result", "FAILED", "reason", "queue too long"));
        Map<String, String> idempotent = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());

        Response first = ledger.send("POST", "audit-service", path, body, ledger.key("CSIAU"), idempotent);
        assertThat(first.status()).isEqualTo(201);
        long after = events("audit-service");

        Response again = ledger.send("POST", "audit-service", path, body, ledger.key("CSIAU"), idempotent);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events("audit-service")).isEqualTo(after);

        Response different = ledger.send("POST", "audit-service", path,
                json(Map.of("checkedOn", "2025-07-02", "result", "PASSED")), ledger.key("CSIAU"), idempotent);
        assertProblem(different, 409, "/problems/idempotency-key-reused");

        ledger.restart("audit-service");
        Response afterRestart = ledger.send("POST", "audit-service", path, body, ledger.key("CSIAU"), idempotent);
        assertThat(afterRestart.status()).isEqualTo(201);
        assertThat(afterRestart.body()).isEqualTo(first.body());
        assertThat(events("audit-service")).isEqualTo(after);

        // a settled refusal (the body breaks a rule whatever happens later) is answered the same way again, too
        Map<String, String> refusedKey = Map.of("Idempotency-Key", "refused-" + UUID.randomUUID());
        String noReason = json(Map.of("checkedOn", "2025-07-03", "result", "FAILED"));
        Response refused = ledger.send("POST", "audit-service", path, noReason, ledger.key("CSIAU"), refusedKey);
        assertProblem(refused, 422, "/problems/validation");
        Response refusedAgain = ledger.send("POST", "audit-service", path, noReason, ledger.key("CSIAU"), refusedKey);
        assertThat(refusedAgain.body()).isEqualTo(refused.body());
        assertThat(refusedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        // a refusal that can change with time (a date still in the future) is decided afresh on every retry
        Map<String, String> futureKey = Map.of("Idempotency-Key", "future-" + UUID.randomUUID());
        String future = json(Map.of("checkedOn", FUTURE, "result", "PASSED"));
        assertProblem(ledger.send("POST", "audit-service", path, future, ledger.key("CSIAU"), futureKey), 422,
                "/problems/validation");
        Response futureAgain = ledger.send("POST", "audit-service", path, future, ledger.key("CSIAU"), futureKey);
        assertProblem(futureAgain, 422, "/problems/validation");
        assertThat(futureAgain.header("Idempotent-Replayed")).isNull();
        assertThat(events("audit-service")).isEqualTo(after);
    }

    /**
     * The 2020 version rule depends on audit-service's view of certificates, which catches up a moment after
     * certification-service issues one: the refusal is not kept under the Idempotency-Key, so the client's retry with
     * the same key is decided afresh and accepted once the view knows the certificate.
     */
    @Test
    @Order(5)
    void aRefusalByThe2020VersionRuleIsDecidedAfreshOnARetryWithTheSameKey() {
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name",
                "Stays On 2015 " + UUID.randomUUID().toString().substring(0, 6), "country", "AU",
                "memberBody", "CSIAU", "registeredOn", "2019-01-01"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String audits = "/api/v1/organisations/" + registered.json().path("organisationId").asText() + "/audits";
        String in2020 = json(audit2015("stay-2020", "2020-06-01"));
        Map<String, String> key = Map.of("Idempotency-Key", "stay-on-2015-" + UUID.randomUUID());

        Response notYetCertified = ledger.send("POST", "audit-service", audits, in2020, ledger.key("CSIAU"), key);
        assertProblem(notYetCertified, 422, "/problems/validation");
        assertThat(notYetCertified.json().path("errors").has("standardVersion")).isTrue();

        // a 2019 Gold audit on ICSS:2015-2020: the certificate that lets the organisation stay on that version
        assertThat(ledger.post("audit-service", audits, audit2015("stay-2019", "2019-06-01")).status())
                .isEqualTo(201);
        Response accepted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ledger.send("POST", "audit-service", audits, in2020, ledger.key("CSIAU"), key),
                        response -> response.status() != 422);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.header("Idempotent-Replayed")).isNull();
        Response replayed = ledger.send("POST", "audit-service", audits, in2020, ledger.key("CSIAU"), key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(accepted.body());
    }

    @Test
    @Order(6)
    void idempotencyKeysAreTheCallersOwn() {
        String key = "shared-" + UUID.randomUUID();
        Response csiau = ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "Idem " + key, "country", "AU")), ledger.key("CSIAU"), Map.of("Idempotency-Key", key));
        Response hics = ledger.send("POST", "audit-service", "/api/v1/organisations",
                json(Map.of("name", "Idem " + key, "country", "GR")), ledger.key("HICS"), Map.of("Idempotency-Key", key));
        assertThat(csiau.status()).isEqualTo(201);
        assertThat(hics.status()).isEqualTo(201);
        assertThat(hics.body()).isNotEqualTo(csiau.body());
    }

    // --------------------------------------------------------------------------------------------- bad input

    /** One bad request: where it goes, with which key, what it sends, and the problem expected. */
    record Bad(String name, String service, String path, String key, String body, int status, String type,
               String field) {

        Bad(String name, String service, String path, String key, String body, int status, String type) {
            this(name, service, path, key, body, status, type, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badRequests() {
        List<Bad> bad = new ArrayList<>();
        String orgs = "/api/v1/organisations";
        String audits = orgs + "/{org}/audits";
        String checks = orgs + "/{org}/health-checks";
        String professionals = "/api/v1/professionals";
        String awards = "/api/v1/awards";
        Map<String, Object> registration = Map.of("name", "Bad Input Ltd", "country", "AU", "memberBody", "CSIAU",
                "registeredOn", "2024-01-01");
        // registrations
        bad.add(new Bad("malformed JSON", "audit-service", orgs, "CSIAU", "{\"name\":", 400, "malformed"));
        bad.add(new Bad("array instead of object", "audit-service", orgs, "CSIAU", "[]", 400, "malformed"));
        bad.add(new Bad("empty body", "audit-service", orgs, "CSIAU", "", 400, "malformed"));
        bad.add(new Bad("name missing", "audit-service", orgs, "CSIAU", without(registration, "name"), 422,
                "validation"));
        bad.add(new Bad("name blank", "audit-service", orgs, "CSIAU", with(registration, "name", "  "), 422,
                "validation"));
        bad.add(new Bad("name too long", "audit-service", orgs, "CSIAU", with(registration, "name", "n".repeat(201)),
                422, "validation"));
        bad.add(new Bad("country not ISO", "audit-service", orgs, "CSIAU", with(registration, "country", "au"), 422,
                "validation"));
        bad.add(new Bad("country an object", "audit-service", orgs, "CSIAU",
                with(registration, "country", Map.of("code", "AU")), 400, "malformed"));
        bad.add(new Bad("unknown member body", "audit-service", orgs, "CSIAU", with(registration, "memberBody", "XYZ"),
                400, "malformed"));
        bad.add(new Bad("another member body's registration", "audit-service", orgs, "CSIAU",
                with(registration, "memberBody", "HICS"), 403, "forbidden"));
        bad.add(new Bad("registration in the future", "audit-service", orgs, "CSIAU",
                with(registration, "registeredOn", FUTURE), 422, "validation"));
        bad.add(new Bad("registration date not a date", "audit-service", orgs, "CSIAU",
                with(registration, "registeredOn", "2024-13-01"), 400, "malformed"));
        bad.add(new Bad("duplicate registration", "audit-service", orgs, "CSIAU",
                json(Map.of("name", "  table   BANK ", "country", "AU")), 409, "duplicate-registration"));
        bad.add(new Bad("no key", "audit-service", orgs, null, json(registration), 401, "unauthenticated"));
        bad.add(new Bad("unknown key", "audit-service", orgs, "!nonsense", json(registration), 401,
                "unauthenticated"));
        bad.add(new Bad("secretariat key registers", "audit-service", orgs, "SECRETARIAT", json(registration), 403,
                "forbidden"));
        bad.add(new Bad("oversize body", "audit-service", orgs, "CSIAU",
                with(registration, "name", "x".repeat(70 * 1024)), 413, "payload-too-large"));
        // audits
        bad.add(new Bad("unknown standard version", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "standardVersion", "ICSS:2099"), 422, "validation"));
        bad.add(new Bad("missing attribute", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.remove("SRV-01"); return scores; }), 422, "validation"));
        bad.add(new Bad("unknown attribute", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("XXX-99", 7); return scores; }), 422, "validation"));
        bad.add(new Bad("score above 10", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("SRV-02", 11); return scores; }), 422, "validation"));
        bad.add(new Bad("negative score", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("SRV-02", -1); return scores; }), 422, "validation"));
        bad.add(new Bad("fractional score", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("SRV-02", 7.5); return scores; }), 400, "malformed"));
        bad.add(new Bad("score as a string", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("SRV-02", "7"); return scores; }), 400, "malformed"));
        bad.add(new Bad("score null", "audit-service", audits, "CSIAU",
                withScores(scores -> { scores.put("SRV-02", null); return scores; }), 422, "validation"));
        bad.add(new Bad("no scores", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "scores", Map.of()), 422, "validation"));
        bad.add(new Bad("expected score above 10", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "expectedScores", Map.of("SRV-01", 11)), 422, "validation"));
        bad.add(new Bad("expected score for an unknown attribute", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "expectedScores", Map.of("FIN-06", 7)), 422, "validation"));
        bad.add(new Bad("expected score as a string", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "expectedScores", Map.of("SRV-01", "7")), 400, "malformed"));
        bad.add(new Bad("audit in the future", "audit-service", audits, "CSIAU", json(audit("b-1", FUTURE, 7)), 422,
                "validation"));
        bad.add(new Bad("ICSS:2015-2020 after its window", "audit-service", audits, "CSIAU",
                json(audit2015("b-1", "2021-03-01")), 422, "validation"));
        bad.add(new Bad("ICSS:2020-2025 before its window", "audit-service", audits, "CSIAU",
                json(audit("b-1", "2019-06-01", 7)), 422, "validation"));
        bad.add(new Bad("unknown audit type", "audit-service", audits, "CSIAU",
                with(audit("b-1", "2024-05-02", 7), "auditType", "SURPRISE"), 400, "malformed"));
        bad.add(new Bad("audit of an unknown organisation", "audit-service", orgs + "/" + UUID.randomUUID()
                + "/audits", "CSIAU", json(audit("b-1", "2024-05-02", 7)), 404, "not-found"));
        bad.add(new Bad("audit for another member body's organisation", "audit-service", audits, "HICS",
                json(audit("b-1", "2024-05-02", 7)), 403, "forbidden"));
        bad.add(new Bad("duplicate audit id", "audit-service", audits, "CSIAU", json(audit("a-1", "2024-05-02", 7)),
                409, "duplicate-audit"));
        bad.add(new Bad("wrong content type", "audit-service", audits, "CSIAU", "scores=7", 415,
                "unsupported-media-type"));
        // health checks, corrections, withdrawals
        bad.add(new Bad("failed check without reason", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", "2025-01-02", "result", "FAILED")), 422, "validation"));
        bad.add(new Bad("check in the future", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", FUTURE, "result", "PASSED")), 422, "validation"));
        bad.add(new Bad("unknown check result", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", "2025-01-02", "result", "MAYBE")), 400, "malformed"));
        bad.add(new Bad("duplicate health check id", "audit-service", checks, "CSIAU",
                json(Map.of("healthCheckId", "hc-1", "checkedOn", "2025-05-01", "result", "PASSED")), 409,
                "duplicate-health-check"));
        bad.add(new Bad("correction of an unknown audit", "audit-service", orgs + "/{org}/audits/nope/corrections",
                "CSIAU", json(Map.of("scores", scores(ICSS_2020, 7), "reason", "typo")), 404, "not-found"));
        bad.add(new Bad("correction without reason", "audit-service", orgs + "/{org}/audits/a-1/corrections",
                "CSIAU", json(Map.of("scores", scores(ICSS_2020, 7))), 422, "validation"));
        bad.add(new Bad("correction with a score out of range", "audit-service",
                orgs + "/{org}/audits/a-1/corrections", "CSIAU", json(Map.of("scores",
                withScore(scores(ICSS_2020, 7), "OPS-01", 12), "reason", "typo")), 422, "validation"));
        bad.add(new Bad("withdrawal of an unknown check", "audit-service",
                orgs + "/{org}/health-checks/nope/withdrawal", "CSIAU", json(Map.of("reason", "typo")), 404,
                "not-found"));
        // professionals and employments
        Map<String, Object> person = professionalBody();
        bad.add(new Bad("credential id malformed", "certification-service", professionals, "CSIAU",
                with(person, "credentialId", "42"), 422, "validation"));
        bad.add(new Bad("credential in the future", "certification-service", professionals, "CSIAU",
                with(person, "certifiedOn", FUTURE), 422, "validation"));
        bad.add(new Bad("email not an email", "certification-service", professionals, "CSIAU",
                with(person, "email", "ada-at-example"), 422, "validation"));
        bad.add(new Bad("credential ends before it starts", "certification-service", professionals, "CSIAU",
                with(person, "validUntil", "2020-01-01"), 422, "validation"));
        bad.add(new Bad("professional without a key", "certification-service", professionals, null, json(person),
                401, "unauthenticated"));
        bad.add(new Bad("employment of an unknown professional", "certification-service",
                professionals + "/" + UUID.randomUUID() + "/employments", "CSIAU",
                json(Map.of("organisationId", "{org}", "startedOn", "2024-01-10")), 404, "not-found"));
        bad.add(new Bad("employment in the future", "certification-service", professionals + "/{pro}/employments",
                "CSIAU", json(Map.of("organisationId", "{org}", "startedOn", FUTURE)), 422, "validation"));
        bad.add(new Bad("employment at an organisation nobody registered", "certification-service",
                professionals + "/{pro}/employments", "CSIAU",
                json(Map.of("organisationId", "no-such-organisation", "startedOn", "2022-01-10")), 422, "validation"));
        bad.add(new Bad("employment ends before it starts", "certification-service",
                professionals + "/{pro}/employments/{job}/end", "CSIAU", json(Map.of("endedOn", "2023-01-01")), 422,
                "validation"));
        bad.add(new Bad("advance with a member body's key", "certification-service", "/api/v1/operations/advance",
                "CSIAU", "{}", 403, "forbidden"));
        // awards
        Map<String, Object> award = Map.of("organisationId", "{org}", "seasonYear", 2024, "category", "Team",
                "wonOn", "2024-11-08");
        bad.add(new Bad("award in the future", "awards-service", awards, "SECRETARIAT",
                with(award, "wonOn", FUTURE), 422, "validation"));
        bad.add(new Bad("award season far from its date", "awards-service", awards, "SECRETARIAT",
                with(award, "seasonYear", 2010), 422, "validation"));
        bad.add(new Bad("award season as a string", "awards-service", awards, "SECRETARIAT",
                with(award, "seasonYear", "2024"), 400, "malformed"));
        bad.add(new Bad("award without category", "awards-service", awards, "SECRETARIAT", without(award, "category"),
                422, "validation"));
        bad.add(new Bad("award for an organisation nobody registered", "awards-service", awards, "SECRETARIAT",
                with(award, "organisationId", "no-such-organisation"), 422, "validation"));
        bad.add(new Bad("award by a member body", "awards-service", awards, "CSIAU", json(award), 403, "forbidden"));
        strictInput(bad, registration, award, person);
        // the bulk import, as a whole request (its lines: badLines)
        String imports = "/api/v1/imports";
        String goodLine = "{\"kind\":\"organisation\",\"ref\":\"b\",\"body\":" + json(Map.of("name",
                "Bulk Bad Ltd", "country", "AU")) + "}\n";
        bad.add(new Bad("import without a key", "audit-service", imports, null, goodLine, 401, "unauthenticated"));
        bad.add(new Bad("import with an unknown key", "audit-service", imports, "!nonsense", goodLine, 401,
                "unauthenticated"));
        bad.add(new Bad("import by the secretariat", "audit-service", imports, "SECRETARIAT", goodLine, 403,
                "forbidden"));
        bad.add(new Bad("import by compliance", "audit-service", imports, "COMPLIANCE", goodLine, 403, "forbidden"));
        bad.add(new Bad("import as text/plain", "audit-service", imports, "CSIAU", goodLine, 415,
                "unsupported-media-type"));
        return bad.stream().map(Arguments::of);
    }

    /**
     * Every bad request of the table that a member body's key sends to one of audit-service's report endpoints, as
     * the one line of a bulk import (its body the line's body, its path the line's kind and ids): the import answers
     * 200, and the line the same problem as the single endpoint, with nothing recorded.
     */
    static Stream<Arguments> badLines() {
        return badRequests().map(arguments -> (Bad) arguments.get()[0])
                .filter(bad -> bad.service().equals("audit-service") && bad.path().startsWith("/api/v1/organisations")
                        && bad.key() != null && List.of("CSIAU", "HICS").contains(bad.key())
                        && !bad.type().equals("unsupported-media-type"))
                .map(Arguments::of);
    }

    /** The line of an import that stands for {@code bad}'s request to a single endpoint. */
    static String importLine(Bad bad, String org) {
        String[] path = bad.path().replace("{org}", org).split("/");
        // /api/v1/organisations[/{id}/(audits|health-checks)[/{id}/(corrections|withdrawal)]]
        String kind = path.length == 4 ? "organisation" : path[5].equals("audits") ? "audit" : "health-check";
        StringBuilder line = new StringBuilder("{\"kind\":\"");
        line.append(kind);
        if (path.length > 7) {
            line.append(path[7].equals("corrections") ? "-correction" : "-withdrawal");
        }
        line.append('"');
        if (path.length > 4) {
            line.append(",\"organisationId\":").append(json(path[4]));
        }
        if (path.length > 7) {
            line.append(kind.equals("audit") ? ",\"auditId\":" : ",\"healthCheckId\":").append(json(path[6]));
        }
        return line.append(",\"body\":").append(bad.body().replace("{org}", org)).append("}\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    @Order(12)
    void aBadLineOfAnImportIsTheSingleEndpointsProblemAndRecordsNothing(Bad bad) {
        if (!quiet) {
            awaitQuiet();
            quiet = true;
        }
        Map<String, Long> before = eventCounts();

        Response response = ledger.send("POST", "audit-service", "/api/v1/imports", importLine(bad, org),
                ledger.key(bad.key()), Map.of("Content-Type", "application/x-ndjson"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = parseLines(response.body()).get(0);
        assertThat(result.path("line").asInt()).isEqualTo(1);
        assertThat(result.path("status").asInt()).as(response.body()).isEqualTo(bad.status());
        assertThat(result.path("problem").path("type").asText()).as(response.body())
                .isEqualTo("/problems/" + bad.type());
        if (bad.field() != null) {
            assertThat(result.path("problem").path("errors").has(bad.field())).as(response.body()).isTrue();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.icss")
                .doesNotContain("org.springframework").doesNotContain("com.fasterxml");
        assertThat(eventCounts()).as("events recorded by " + bad).isEqualTo(before);
    }

    static List<JsonNode> parseLines(String ndjson) {
        return ndjson.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + line, e);
            }
        }).toList();
    }

    /** The input policy's classes of refusal (docs/ROBUSTNESS.md): each names the field and records nothing. */
    private static void strictInput(List<Bad> bad, Map<String, Object> registration, Map<String, Object> award,
                                    Map<String, Object> person) {
        String orgs = "/api/v1/organisations";
        String audits = orgs + "/{org}/audits";
        String checks = orgs + "/{org}/health-checks";
        String professionals = "/api/v1/professionals";
        String goodAudit = json(audit("s-1", "2024-05-02", 7));
        // duplicate keys, unknown fields, coercion, trailing content
        bad.add(new Bad("score given twice", "audit-service", audits, "CSIAU",
                goodAudit.replace("\"SRV-01\":7", "\"SRV-01\":8,\"SRV-01\":2"), 400, "malformed", "scores.SRV-01"));
        bad.add(new Bad("field given twice", "audit-service", orgs, "CSIAU",
                "{\"name\":\"First Ltd\",\"name\":\"Second Ltd\",\"country\":\"AU\"}", 400, "malformed", "name"));
        bad.add(new Bad("unknown field", "audit-service", orgs, "CSIAU", with(registration, "nmae", "Typo Ltd"), 400,
                "malformed", "nmae"));
        bad.add(new Bad("name as a number", "audit-service", orgs, "CSIAU", with(registration, "name", 12345), 400,
                "malformed", "name"));
        bad.add(new Bad("auditor as a boolean", "audit-service", audits, "CSIAU",
                with(audit("s-1", "2024-05-02", 7), "auditor", true), 400, "malformed", "auditor"));
        bad.add(new Bad("audit date as a date-time", "audit-service", audits, "CSIAU",
                with(audit("s-1", "2024-05-02", 7), "auditedOn", "2024-05-02T00:00:00Z"), 400, "malformed",
                "auditedOn"));
        bad.add(new Bad("check date as a local date-time", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", "2025-01-02T10:00", "result", "PASSED")), 400, "malformed", "checkedOn"));
        bad.add(new Bad("audit type as a number", "audit-service", audits, "CSIAU",
                with(audit("s-1", "2024-05-02", 7), "auditType", 0), 400, "malformed", "auditType"));
        bad.add(new Bad("score as 7.0", "audit-service", audits, "CSIAU", goodAudit.replace("\"SRV-01\":7",
                "\"SRV-01\":7.0"), 400, "malformed", "scores.SRV-01"));
        bad.add(new Bad("second body after the first", "audit-service", orgs, "CSIAU",
                json(registration) + json(registration), 400, "malformed"));
        // business dates outside the window
        bad.add(new Bad("registration in year -4800", "audit-service", orgs, "CSIAU",
                with(registration, "registeredOn", "-4800-01-01"), 422, "validation", "registeredOn"));
        bad.add(new Bad("registration before 1990", "audit-service", orgs, "CSIAU",
                with(registration, "registeredOn", "1989-12-31"), 422, "validation", "registeredOn"));
        bad.add(new Bad("registration in year +999999999", "audit-service", orgs, "CSIAU",
                with(registration, "registeredOn", "+999999999-12-31"), 422, "validation", "registeredOn"));
        bad.add(new Bad("audit before the organisation's registration", "audit-service", audits, "CSIAU",
                json(audit("s-1", "2020-01-15", 7)), 422, "validation", "auditedOn"));
        bad.add(new Bad("health check before the organisation's registration", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", "2020-01-31", "result", "PASSED")), 422, "validation", "checkedOn"));
        bad.add(new Bad("credential valid until +9999999", "certification-service", professionals, "CSIAU",
                with(person, "validUntil", "+9999999-01-01"), 422, "validation", "validUntil"));
        bad.add(new Bad("credential valid until today + 51 years", "certification-service", professionals, "CSIAU",
                with(person, "validUntil", LocalDate.now().plusYears(51).toString()), 422, "validation",
                "validUntil"));
        bad.add(new Bad("employment from -999999999", "certification-service", professionals + "/{pro}/employments",
                "CSIAU", json(Map.of("organisationId", "{org}", "startedOn", "-999999999-01-01")), 422, "validation",
                "startedOn"));
        bad.add(new Bad("award won in 1900", "awards-service", "/api/v1/awards", "SECRETARIAT",
                with(award, "wonOn", "1900-01-01"), 422, "validation", "wonOn"));
        // free text
        bad.add(new Bad("auditor with a NUL", "audit-service", audits, "CSIAU",
                with(audit("s-1", "2024-05-02", 7), "auditor", "R. Inspector\u0000"), 400, "malformed", "auditor"));
        bad.add(new Bad("failed check reason with a NUL", "audit-service", checks, "CSIAU",
                json(Map.of("checkedOn", "2025-01-02", "result", "FAILED", "reason", "slow\u0000")), 400, "malformed",
                "reason"));
        bad.add(new Bad("name with U+FFFE", "audit-service", orgs, "CSIAU", with(registration, "name", "Bad \uFFFE Ltd"),
                400, "malformed", "name"));
        bad.add(new Bad("name with an unpaired surrogate", "audit-service", orgs, "CSIAU",
                json(registration).replace("Bad Input Ltd", "Bad \\ud800 Ltd"), 400, "malformed", "name"));
        bad.add(new Bad("name with an escape sequence", "audit-service", orgs, "CSIAU",
                with(registration, "name", "\u001b[31mRed Ltd"), 400, "malformed", "name"));
        bad.add(new Bad("withdrawal reason with a C1 control", "audit-service",
                orgs + "/{org}/health-checks/hc-1/withdrawal", "CSIAU", json(Map.of("reason", "typo\u0085")), 400,
                "malformed", "reason"));
        bad.add(new Bad("correction reason with U+FFFF", "audit-service", orgs + "/{org}/audits/a-1/corrections",
                "CSIAU", json(Map.of("scores", scores(ICSS_2020, 7), "reason", "typo\uFFFF")), 400, "malformed",
                "reason"));
        bad.add(new Bad("award category with a NUL", "awards-service", "/api/v1/awards", "SECRETARIAT",
                with(award, "category", "Team\u0000"), 400, "malformed", "category"));
        bad.add(new Bad("professional name with a NUL", "certification-service", professionals, "CSIAU",
                with(person, "name", "Ada\u0000"), 400, "malformed", "name"));
        bad.add(new Bad("name of 201 characters outside the BMP", "audit-service", orgs, "CSIAU",
                with(registration, "name", "\uD83D\uDE00".repeat(201)), 422, "validation", "name"));
        bad.add(new Bad("name of 201 Hangul syllables", "audit-service", orgs, "CSIAU",
                with(registration, "name", "\uB620".repeat(201)), 422, "validation", "name"));
        bad.add(new Bad("name of 201 characters once composed (NFC)", "audit-service", orgs, "CSIAU",
                with(registration, "name", "e\u0301".repeat(201)), 422, "validation", "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(10)
    void aBadRequestIsAProblemAndRecordsNothing(Bad bad) {
        String path = bad.path().replace("{org}", org).replace("{pro}", professional).replace("{job}", employment);
        String body = bad.body().replace("{org}", org);
        String key = bad.key() == null ? null : bad.key().startsWith("!") ? bad.key() : ledger.key(bad.key());
        if (!quiet) {
            awaitQuiet();
            quiet = true;
        }
        Map<String, Long> before = eventCounts();

        Response response = bad.type().equals("unsupported-media-type")
                ? ledger.send("POST", bad.service(), path, body, key, Map.of("Content-Type", "text/plain"))
                : path.startsWith("/api/v1/imports")
                ? ledger.send("POST", bad.service(), path, body, key, Map.of("Content-Type", "application/x-ndjson"))
                : ledger.send("POST", bad.service(), path, body, key);

        assertProblem(response, bad.status(), "/problems/" + bad.type());
        if (bad.field() != null) {
            assertThat(response.json().path("errors").has(bad.field())).as(response.body()).isTrue();
        }
        assertThat(eventCounts()).as("events recorded by " + bad).isEqualTo(before);
    }

    @Test
    @Order(11)
    void theTableHasAtLeastFortyBadRequests() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(40);
    }

    // ---------------------------------------------------------------------------------------------- rate limit

    @Test
    @Order(20)
    void publicLookupsAreRateLimitedPerClient() {
        ledger.restart("registry-query", "--icss.web.rate-limit.capacity=5",
                "--icss.web.rate-limit.refill-period=PT1H");
        try {
            String path = "/api/v1/registry/organisations/" + org;
            for (int i = 0; i < 5; i++) {
                assertThat(ledger.send("GET", "registry-query", path, null, null).status()).isEqualTo(200);
            }
            Response limited = ledger.send("GET", "registry-query", path, null, null);
            assertProblem(limited, 429, "/problems/rate-limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
            // the compliance history is not a public lookup
            assertThat(ledger.send("GET", "registry-query", "/api/v1/compliance/organisations/" + org + "/history",
                    null, ledger.key("COMPLIANCE")).status()).isEqualTo(200);
        } finally {
            ledger.restart("registry-query", "--icss.web.rate-limit.capacity=1000000",
                    "--icss.web.rate-limit.refill-period=PT1M");
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).as(response.body()).isEqualTo(type);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.icss")
                .doesNotContain("org.springframework").doesNotContain("com.fasterxml").doesNotContain("\tat ");
    }

    static long events(String service) {
        return ledger.database(service).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /**
     * Waits until certification-service has decided what earlier reports caused (its events are appended
     * asynchronously, from Kafka): its event count unchanged for 1.5 s.
     */
    /**
     * Waits until certification-service has taken in every event audit-service recorded (its consumer records
     * each event id it handles, in the same transaction as the events it appends), so event counts are stable.
     */
    static void awaitQuiet() {
        awaitQuiet(ledger);
    }

    /** {@link #awaitQuiet()} for a ledger another test class started. */
    static void awaitQuiet(LedgerSystem ledger) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ledger.database("certification-service").queryForObject(
                        "SELECT count(*) FROM processed_event WHERE consumer = 'audit-events'", Long.class)
                        >= events(ledger, "audit-service"));
    }

    /** Rows of domain_event_entry in a service of {@code ledger}. */
    static long events(LedgerSystem ledger, String service) {
        return ledger.database(service).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** Rows of domain_event_entry in each service that records events. */
    static Map<String, Long> eventCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String service : WRITE_SERVICES) {
            counts.put(service, ledger.database(service).queryForObject("SELECT count(*) FROM domain_event_entry",
                    Long.class));
        }
        return counts;
    }

    private static String register(String name, String country, String memberBody) {
        Response response = ledger.post("audit-service", "/api/v1/organisations",
                Map.of("name", name, "country", country, "memberBody", memberBody, "registeredOn", "2020-02-01"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String organisationId = response.json().path("organisationId").asText();
        ledger.awaitKnown(organisationId);
        return organisationId;
    }

    static Map<String, Object> professionalBody() {
        return Map.of("credentialId", "CCSM-0042", "certifiedOn", "2021-05-01", "validUntil", "2024-05-01",
                "name", "Ada Lovelace", "email", "ada@example.org");
    }

    static Map<String, Object> audit(String auditId, String auditedOn, int score) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auditId", auditId);
        body.put("standardVersion", "ICSS:2020-2025");
        body.put("auditType", "CERTIFICATION");
        body.put("auditedOn", auditedOn);
        body.put("auditor", "R. Inspector");
        body.put("scores", scores(ICSS_2020, score));
        return body;
    }

    private static Map<String, Object> audit2015(String auditId, String auditedOn) {
        Map<String, Object> body = audit(auditId, auditedOn, 7);
        body.put("standardVersion", "ICSS:2015-2020");
        body.put("scores", scores(ICSS_2015, 7));
        return body;
    }

    static Map<String, Object> scores(Standard standard, int score) {
        Map<String, Object> scores = new LinkedHashMap<>();
        standard.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }

    private static Map<String, Object> withScore(Map<String, Object> scores, String code, Object score) {
        scores.put(code, score);
        return scores;
    }

    private static String withScores(UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> body = audit("b-1", "2024-05-02", 7);
        @SuppressWarnings("unchecked") Map<String, Object> scores = (Map<String, Object>) body.get("scores");
        body.put("scores", change.apply(scores));
        return json(body);
    }

    private static String with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return json(changed);
    }

    private static String without(Map<String, Object> body, String field) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.remove(field);
        return json(changed);
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
