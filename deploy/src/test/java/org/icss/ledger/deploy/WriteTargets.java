package org.icss.ledger.deploy;

import org.icss.ledger.deploy.LedgerSystem.Response;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the write-endpoint tests write to: an organisation with two audits ({@code a-1}, {@code w-1}) and two passed
 * health checks ({@code hc-1}, {@code hc-w}) to correct or withdraw, a CCSM professional and an employment of theirs.
 */
record WriteTargets(String org, String professional, String employment) {

    static WriteTargets prepare(LedgerSystem ledger, String organisationName) {
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name", organisationName,
                "country", "AU", "memberBody", "CSIAU", "registeredOn", "2015-01-01"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String org = registered.json().path("organisationId").asText();
        ledger.awaitKnown(org);
        for (String audit : List.of("a-1", "w-1")) {
            assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                    MemberBodyApiTest.audit(audit, "2024-05-02", 7)).status()).isEqualTo(201);
        }
        for (String check : List.of("hc-1", "hc-w")) {
            assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/health-checks",
                    Map.of("healthCheckId", check, "checkedOn", "2025-05-01", "result", "PASSED")).status())
                    .isEqualTo(201);
        }
        String professional = ledger.post("certification-service", "/api/v1/professionals",
                MemberBodyApiTest.professionalBody()).json().path("professionalId").asText();
        String employment = ledger.post("certification-service", "/api/v1/professionals/" + professional
                + "/employments", Map.of("organisationId", org, "startedOn", "2024-01-10")).json()
                .path("employmentId").asText();
        return new WriteTargets(org, professional, employment);
    }
}
