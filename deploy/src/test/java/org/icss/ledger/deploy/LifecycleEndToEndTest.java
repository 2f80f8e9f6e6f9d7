package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The certification lifecycle through the public REST APIs: a 2015-2026 history of several organisations
 * posted at once, the daily advance, and the certification events the registry then shows, against the timeline
 * DOMAIN.md's rules give. Then due dates across restarts of certification-service.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleEndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(90);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Set<String> CERTIFICATION_EVENTS = Set.of("GoldAwarded", "CertificationGranted",
            "CertificationSuspended", "CertificationReinstated", "CertificationWithdrawn", "CertificationExpired",
            "CertificateSuperseded", "CertificationChangeRevoked");
    private static final StandardsCatalogue CATALOGUE = StandardsCatalogue.shipped();

    private static final MutableClock CLOCK = MutableClock.at(TODAY);
    private static LedgerSystem ledger;
    private static int reportsPosted;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra, CLOCK);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    @Order(1)
    void aBackfilledHistoryPlaysOutInBusinessDateOrder() {
        Map<String, String> orgs = new LinkedHashMap<>();
        String ontime = register("On Time Bank", orgs);
        audit(ontime, "o1", "2015-03-02", 7);
        check(ontime, "o-h1", "2016-03-02", true);
        check(ontime, "o-h2", "2017-03-01", true);
        audit(ontime, "o2", "2018-02-15", 7);
        check(ontime, "o-h3", "2019-02-15", true);
        check(ontime, "o-h4", "2020-02-14", true);
        audit(ontime, "o3", "2021-01-20", 8);
        check(ontime, "o-h5", "2022-01-20", true);
        check(ontime, "o-h6", "2023-01-19", true);
        audit(ontime, "o4", "2024-01-10", 8);
        check(ontime, "o-h7", "2025-01-10", true);
        check(ontime, "o-h8", "2026-01-12", true);

        String late = register("Late Checks Ltd", orgs);
        audit(late, "l1", "2016-05-10", 6);
        check(late, "l-h1", "2017-09-01", true);
        check(late, "l-h2", "2018-05-12", true);

        String reinstated = register("Second Wind Co", orgs);
        audit(reinstated, "r1", "2017-01-16", 6);
        check(reinstated, "r-h1", "2018-01-10", false);
        check(reinstated, "r-h2", "2018-03-01", true);
        check(reinstated, "r-h3", "2019-01-16", true);
        audit(reinstated, "r2", "2020-06-01", 6);
        check(reinstated, "r-h4", "2021-06-01", true);
        check(reinstated, "r-h5", "2022-06-01", true);

        String withdrawn = register("Gone Quiet Pty", orgs);
        audit(withdrawn, "w1", "2019-04-01", 4);
        check(withdrawn, "w-h1", "2020-03-20", false);
        check(withdrawn, "w-h2", "2020-10-01", true);

        String corrected = register("Corrected Later Ltd", orgs);
        audit(corrected, "c1", "2021-02-01", 6);
        correct(corrected, "c1", 5);
        check(corrected, "c-h1", "2022-02-01", true);

        awaitCertificationHasTakenEveryReport();
        Response advanced = ledger.post("certification-service", "/api/v1/operations/advance", Map.of());
        assertThat(advanced.status()).isEqualTo(200);
        assertThat(advanced.json().path("through").asText()).isEqualTo("2026-11-22");

        assertThat(awaitCertificationEvents(ontime, 7)).containsExactlyInAnyOrder(
                "GoldAwarded@2015-03-02", "CertificateSuperseded@2018-02-15", "GoldAwarded@2018-02-15",
                "CertificateSuperseded@2021-01-20", "GoldAwarded@2021-01-20", "CertificateSuperseded@2024-01-10",
                "GoldAwarded@2024-01-10");
        assertThat(awaitCertificationEvents(late, 4)).containsExactlyInAnyOrder(
                "GoldAwarded@2016-05-10", "CertificationSuspended@2017-08-09", "CertificationReinstated@2017-09-01",
                "CertificationExpired@2019-05-10");
        assertThat(awaitCertificationEvents(reinstated, 6)).containsExactlyInAnyOrder(
                "GoldAwarded@2017-01-16", "CertificationSuspended@2018-01-10", "CertificationReinstated@2018-03-01",
                "CertificationExpired@2020-01-16", "GoldAwarded@2020-06-01", "CertificationExpired@2023-06-01");
        assertThat(awaitCertificationEvents(withdrawn, 3)).containsExactlyInAnyOrder(
                "CertificationGranted@2019-04-01", "CertificationSuspended@2020-03-20",
                "CertificationWithdrawn@2020-09-17");

        assertThat(awaitCertificationEvents(corrected, 5)).containsExactlyInAnyOrder(
                "GoldAwarded@2021-02-01", "CertificationChangeRevoked@2021-02-01", "CertificationGranted@2021-02-01",
                "CertificationSuspended@2023-05-03", "CertificationWithdrawn@2023-10-31");
        JsonNode certified = ledger.get("registry-query", "/api/v1/registry/organisations/" + corrected
                + "?asOf=2021-06-01").json();
        assertThat(certified.path("tier").asText()).isEqualTo("CERTIFIED");

        JsonNode now = ledger.get("registry-query", "/api/v1/registry/organisations/" + ontime).json();
        assertThat(now.path("tier").asText()).isEqualTo("GOLD");
        assertThat(now.path("certificate").path("validUntil").asText()).isEqualTo("2027-01-10");
        JsonNode suspended = ledger.get("registry-query", "/api/v1/registry/organisations/" + late
                + "?asOf=2017-08-20").json();
        assertThat(suspended.path("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.path("tier").asText()).isEqualTo("GOLD");
        JsonNode gone = ledger.get("registry-query", "/api/v1/registry/organisations/" + withdrawn).json();
        assertThat(gone.path("tier").asText()).isEqualTo("NONE");
        assertThat(gone.path("status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    @Order(2)
    void dueDatesSurviveARestartAndAreAnnouncedOnce() {
        Map<String, String> orgs = new LinkedHashMap<>();
        String org = register("Restart Resilient Inc", orgs);
        audit(org, "x1", "2026-01-05", 7);
        awaitCertificationEvents(org, 1);

        // the first anniversary (2027-01-05) passes without a check: suspended on 2027-04-06
        CLOCK.setDate(LocalDate.of(2027, 4, 8));
        ledger.restart("certification-service", "--icss.schedule.first-advance-after=PT1S");
        assertThat(awaitCertificationEvents(org, 2)).containsExactlyInAnyOrder("GoldAwarded@2026-01-05",
                "CertificationSuspended@2027-04-06");

        ledger.restart("certification-service");
        ledger.post("certification-service", "/api/v1/operations/advance", Map.of());
        Integer suspensions = ledger.database("certification-service").queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class, org, "%CertificationSuspended");
        assertThat(suspensions).isEqualTo(1);
    }

    private static String register(String name, Map<String, String> orgs) {
        Response response = ledger.post("audit-service", "/api/v1/organisations",
                Map.of("name", name, "country", "AU", "memberBody", "CSIAU", "registeredOn", "2015-01-01"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String id = response.json().path("organisationId").asText();
        orgs.put(name, id);
        reportsPosted++; // certification-service marks the registration processed too (AuditEventsHandler)
        return id;
    }

    private static void audit(String org, String auditId, String on, int lowest) {
        LocalDate date = LocalDate.parse(on);
        StandardVersion version = date.getYear() < 2020 ? StandardVersion.ICSS_2015_2020
                : StandardVersion.ICSS_2020_2025;
        Standard standard = CATALOGUE.find(version).orElseThrow();
        Map<String, Object> scores = new LinkedHashMap<>();
        standard.attributeCodes().forEach(code -> scores.put(code.code(), 8));
        scores.put(standard.attributes().get(3).code().code(), lowest);
        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits", Map.of(
                "auditId", auditId, "standardVersion", version.code(), "auditType",
                auditId.endsWith("1") ? "CERTIFICATION" : "RECERTIFICATION", "auditedOn", on,
                "auditor", "R. Inspector", "scores", scores));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        reportsPosted++;
    }

    private static void correct(String org, String auditId, int lowest) {
        Standard standard = CATALOGUE.find(StandardVersion.ICSS_2020_2025).orElseThrow();
        Map<String, Object> scores = new LinkedHashMap<>();
        standard.attributeCodes().forEach(code -> scores.put(code.code(), 8));
        scores.put(standard.attributes().get(3).code().code(), lowest);
        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits/" + auditId
                + "/corrections", Map.of("scores", scores, "reason", "score sheet transcribed wrongly"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        reportsPosted++;
    }

    private static void check(String org, String checkId, String on, boolean passed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthCheckId", checkId);
        body.put("checkedOn", on);
        body.put("result", passed ? "PASSED" : "FAILED");
        if (!passed) {
            body.put("reason", "complaints process not followed");
        }
        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/health-checks", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        reportsPosted++;
    }

    /** certification-service has taken in every posted report (its consumer records each event id it handles). */
    private static void awaitCertificationHasTakenEveryReport() {
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() ->
                ledger.database("certification-service").queryForObject(
                        "SELECT count(*) FROM processed_event WHERE consumer = 'audit-events'", Integer.class)
                        >= reportsPosted);
    }

    /** The certification events in the registry's history of {@code org}, as Type@effectiveOn. */
    private static List<String> awaitCertificationEvents(String org, int count) {
        return await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response response = ledger.get("registry-query", "/api/v1/compliance/organisations/" + org + "/history");
            List<String> events = new ArrayList<>();
            if (response.status() == 200) {
                response.json().path("events").forEach(event -> {
                    if (CERTIFICATION_EVENTS.contains(event.path("eventType").asText())) {
                        events.add(event.path("eventType").asText() + "@" + event.path("effectiveOn").asText());
                    }
                });
            }
            return events;
        }, events -> events.size() >= count);
    }
}
