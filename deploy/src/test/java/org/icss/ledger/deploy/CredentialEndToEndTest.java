package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A certificate's verifiable credential through the whole system: issued once the registry shows Gold, its
 * suspension bit set when a failed health check posted to audit-service has gone through certification-service and
 * Kafka, and cleared again by a passed one; the credential and the lists checked only with the published JWKS.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class CredentialEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LedgerSystem ledger;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theSuspensionBitFollowsAFailedAndThenAPassedHealthCheck() throws Exception {
        LocalDate today = LocalDate.now();
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name", "Badge Bank",
                "country", "AU", "memberBody", "CSIAU", "registeredOn", today.minusYears(1).toString()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String org = registered.json().path("organisationId").asText();
        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                MemberBodyApiTest.audit("badge-1", today.minusDays(60).toString(), 7)).status()).isEqualTo(201);
        String standing = "/api/v1/registry/organisations/" + org;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                ledger.get("registry-query", standing).json().path("tier").asText().equals("GOLD"));
        String number = ledger.get("registry-query", standing).json().path("certificate").path("certificateNumber")
                .asText();

        Response issued = ledger.send("GET", "registry-query", "/api/v1/registry/certificates/" + number
                + "/credential", null, null);
        assertThat(issued.status()).isEqualTo(200);
        JsonNode credential = verified(issued.body());
        assertThat(credential.path("type").toString()).contains("OpenBadgeCredential");
        int index = credential.path("credentialStatus").path(1).path("statusListIndex").asInt();
        assertThat(credential.path("credentialStatus").path(1).path("statusPurpose").asText()).isEqualTo("suspension");
        assertThat(suspended(index)).isFalse();

        check(org, "hc-fail", today.minusDays(30), false);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> suspended(index));

        check(org, "hc-pass", today.minusDays(10), true);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> !suspended(index));
        assertThat(bit("revocation", index)).isFalse();
    }

    @Test
    void theRevocationBitIsSetWhenTheAdvanceWithdrawsASuspendedCertificate() throws Exception {
        LocalDate today = LocalDate.now();
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name", "Lapsed Bank",
                "country", "AU", "memberBody", "CSIAU", "registeredOn", today.minusYears(2).toString()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String org = registered.json().path("organisationId").asText();
        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                MemberBodyApiTest.audit("lapsed-1", today.minusDays(400).toString(), 7)).status()).isEqualTo(201);
        String standing = "/api/v1/registry/organisations/" + org;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                ledger.get("registry-query", standing + "?asOf=" + today.minusDays(300)).json().path("certificate")
                        .hasNonNull("certificateNumber"));
        String number = ledger.get("registry-query", standing + "?asOf=" + today.minusDays(300)).json()
                .path("certificate").path("certificateNumber").asText();
        JsonNode credential = verified(ledger.send("GET", "registry-query", "/api/v1/registry/certificates/" + number
                + "/credential", null, null).body());
        int index = credential.path("credentialStatus").path(0).path("statusListIndex").asInt();
        assertThat(credential.path("credentialStatus").path(0).path("statusPurpose").asText()).isEqualTo("revocation");

        // failed 250 days ago and never passed again: withdrawn 180 days later, announced by the daily advance
        check(org, "hc-lapsed", today.minusDays(250), false);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ledger.post("certification-service", "/api/v1/operations/advance", Map.of());
            return bit("revocation", index);
        });
    }

    private static void check(String org, String id, LocalDate on, boolean passed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("healthCheckId", id);
        body.put("checkedOn", on.toString());
        body.put("result", passed ? "PASSED" : "FAILED");
        if (!passed) {
            body.put("reason", "complaints left unanswered");
        }
        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/health-checks", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static boolean suspended(int index) throws Exception {
        return bit("suspension", index);
    }

    private static boolean bit(String purpose, int index) throws Exception {
        JsonNode list = verified(ledger.send("GET", "registry-query", "/api/v1/registry/status-lists/" + purpose,
                null, null).body());
        byte[] bits = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(
                list.path("credentialSubject").path("encodedList").asText().substring(1)))).readAllBytes();
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    /** The payload of a vc+jwt once its signature checks against the registry's published JWKS. */
    private static JsonNode verified(String compact) throws Exception {
        JWSObject jws = JWSObject.parse(compact);
        ECKey key = (ECKey) JWKSet.parse(ledger.send("GET", "registry-query", "/.well-known/jwks.json", null, null)
                .body()).getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        return JSON.readTree(jws.getPayload().toString());
    }
}
