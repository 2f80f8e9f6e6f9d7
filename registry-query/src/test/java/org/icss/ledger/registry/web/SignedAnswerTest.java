package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.registry.query.registry.Events;
import org.icss.ledger.registry.query.registry.RegistryProjection;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signed answers checked the way a third party would: only the published JWK Set (RFC 7517) and a standard JOSE
 * library verify them; no class of the project takes part in the checking.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
@SuppressWarnings("unchecked")
class SignedAnswerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TestKeys.Key COMPLIANCE = TestKeys.role("COMPLIANCE");

    private static ConfigurableApplicationContext registry;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startRegistry(LedgerInfrastructure infra) {
        String topic = "icss.certification.events-" + UUID.randomUUID().toString().substring(0, 8);
        infra.createTopics(topic);
        String database = infra.createDatabase("registry_signed");
        registry = RegistryQueryApplication.application()
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(TestKeys.withKeys(List.of(COMPLIANCE), "--server.port=0",
                        "--spring.datasource.url=" + infra.jdbcUrl(database),
                        "--spring.datasource.username=" + infra.username(),
                        "--spring.datasource.password=" + infra.password(),
                        "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--icss.kafka.consume-topics=" + topic,
                        // no background round: each proof computes its organisation and the checkpoint itself
                        "--icss.registry.standing-refresh-interval=PT1H",
                        "--spring.main.banner-mode=off"));
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) registry).getWebServer().getPort();
        RegistryProjection projection = registry.getBean(RegistryProjection.class);
        TransactionTemplate transaction = new TransactionTemplate(registry.getBean(PlatformTransactionManager.class));
        for (LedgerEvent event : Events.sampleRegistry()) {
            transaction.executeWithoutResult(status -> projection.on(event));
        }
        // what the background round does before the day's checkpoint: every pending organisation computed
        registry.getBean(org.icss.ledger.registry.query.registry.Standings.class).refreshAll(
                registry.getBean(org.icss.ledger.registry.query.registry.Generations.class).currentSchema(), 100);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aCertificateVerificationSignedByTheRegistryChecksOutAgainstItsPublishedKeys() throws Exception {
        HttpResponse<String> answer = get("/api/v1/registry/certificates/ICSS-G-2026-AAAAAAAAAB?asOf=2026-06-01",
                "application/jose");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jose");

        Map<String, Object> claims = verified(answer.body());

        assertThat(claims.get("iss")).isEqualTo("urn:icss:registry");
        assertThat((Map<String, Object>) claims.get("question")).containsEntry("kind", "certificate")
                .containsEntry("certificateNumber", "ICSS-G-2026-AAAAAAAAAB").containsEntry("asOf", "2026-06-01");
        assertThat((Map<String, Object>) claims.get("answer")).containsEntry("verdict", "VALID")
                .containsEntry("organisationName", "Harbour Bank").containsEntry("validUntil", "2029-02-01");
    }

    @Test
    void aStandingSignedOnRequestNamesTierStatusAndPlatinumAndATamperedOneFails() throws Exception {
        HttpResponse<String> answer = get("/api/v1/registry/organisations/org-platinum?signed=true", null);
        Map<String, Object> claims = verified(answer.body());
        assertThat((Map<String, Object>) claims.get("answer")).containsEntry("tier", "PLATINUM")
                .containsEntry("status", "ACTIVE").containsEntry("platinum", true);

        String[] parts = answer.body().split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("PLATINUM", "GOLD__")
                        .getBytes()) + "." + parts[2];
        assertThat(SignedJWT.parse(forged).verify(new ECDSAVerifier(publishedKey(SignedJWT.parse(forged)))))
                .isFalse();
    }

    @Test
    void anUnknownCertificateIsASigned404() throws Exception {
        HttpResponse<String> answer = get("/api/v1/registry/certificates/ICSS-G-2020-0000000000", "application/jose");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat((Map<String, Object>) verified(answer.body()).get("answer")).containsEntry("verdict", "UNKNOWN");
    }

    @Test
    void theHistoryProofChecksOutWithSha256AMerklePathAndThePublishedKeys() throws Exception {
        JsonNode proof = JSON.readTree(get("/api/v1/registry/organisations/org-platinum/history/proof", null,
                COMPLIANCE).body());

        assertThat(problemsWith(proof)).isEmpty();
        assertThat(proof.path("entries").size()).isGreaterThan(3);
        // without a key the chain is there, the payloads (scores) are not
        JsonNode anonymous = JSON.readTree(get("/api/v1/registry/organisations/org-platinum/history/proof", null,
                null).body());
        assertThat(anonymous.path("entries").path(0).path("payload").asText(null)).isNull();
        assertThat(anonymous.path("entries").path(0).path("payloadHash").asText()).hasSize(64);
        assertThat(anonymous.path("checkpoint").path("root").asText()).isEqualTo(proof.path("checkpoint")
                .path("root").asText());
    }

    @Test
    void aHistoryRowEditedInTheDatabaseFailsVerificationNamingTheEntry() throws Exception {
        String schema = registry.getBean(org.icss.ledger.registry.query.registry.Generations.class).currentSchema();
        org.springframework.jdbc.core.JdbcTemplate jdbc = registry.getBean(
                org.springframework.jdbc.core.JdbcTemplate.class);
        JsonNode before = JSON.readTree(get("/api/v1/registry/organisations/org-gold/history/proof", null,
                COMPLIANCE).body());
        assertThat(problemsWith(before)).isEmpty();
        String edited = before.path("entries").path(1).path("eventId").asText();

        jdbc.update("UPDATE " + schema + ".history_entry SET payload = jsonb_set(payload, '{effectiveOn}', "
                + "'\"2001-01-01\"') WHERE event_id = ?::uuid", edited);

        JsonNode after = JSON.readTree(get("/api/v1/registry/organisations/org-gold/history/proof", null,
                COMPLIANCE).body());
        assertThat(problemsWith(after)).containsExactly("entry " + edited + ": its payload does not hash to "
                + "its payload hash");
    }

    @Test
    void aCertificateIsAnOpenBadgeCredentialWhoseStatusBitsFollowSuspensionReinstatementAndWithdrawal()
            throws Exception {
        String number = "ICSS-C-2024-CCCCCCCCCC";
        HttpResponse<String> issued = get("/api/v1/registry/certificates/" + number + "/credential", null);
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vc+jwt");
        com.nimbusds.jose.JWSObject jws = com.nimbusds.jose.JWSObject.parse(issued.body());
        assertThat(jws.getHeader().getType().getType()).isEqualTo("vc+jwt");
        assertThat(jws.verify(new ECDSAVerifier(publishedKey(jws.getHeader().getKeyID())))).isTrue();
        JsonNode credential = JSON.readTree(jws.getPayload().toString());
        assertThat(credential.path("type").toString()).contains("OpenBadgeCredential");
        assertThat(credential.path("@context").toString()).contains("https://www.w3.org/ns/credentials/v2");
        assertThat(credential.path("validFrom").asText()).isEqualTo("2024-04-02T00:00:00Z");
        assertThat(credential.path("validUntil").asText()).isEqualTo("2027-04-02T00:00:00Z");
        assertThat(credential.path("credentialSubject").path("name").asText()).isEqualTo("Zürich Versicherung Café");
        assertThat(credential.path("credentialSubject").path("achievement").path("name").asText())
                .isEqualTo("ICSS Certified (ICSS:2020-2025)");
        JsonNode statuses = credential.path("credentialStatus");
        assertThat(statuses.findValuesAsText("statusPurpose")).containsExactly("revocation", "suspension");
        int index = statuses.path(0).path("statusListIndex").asInt();
        assertThat(bit("revocation", index)).isFalse();
        assertThat(bit("suspension", index)).isFalse();

        project(new org.icss.ledger.events.CertificationSuspended(new org.icss.ledger.events.OrganisationId(
                "org-certified"), UUID.randomUUID(), java.time.LocalDate.of(2026, 5, 1), CLOCK.instant(),
                new org.icss.ledger.events.CertificateNumber(number),
                org.icss.ledger.events.CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "hc-x"));
        // the lists are worked out at most once a second: the bit flips within a second
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> bit("suspension", index));
        assertThat(bit("revocation", index)).isFalse();

        project(new org.icss.ledger.events.CertificationReinstated(new org.icss.ledger.events.OrganisationId(
                "org-certified"), UUID.randomUUID(), java.time.LocalDate.of(2026, 5, 20), CLOCK.instant(),
                new org.icss.ledger.events.CertificateNumber(number), "hc-y"));
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !bit("suspension", index));

        project(new org.icss.ledger.events.CertificationWithdrawn(new org.icss.ledger.events.OrganisationId(
                "org-certified"), UUID.randomUUID(), java.time.LocalDate.of(2026, 5, 25), CLOCK.instant(),
                new org.icss.ledger.events.CertificateNumber(number)));
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> bit("revocation", index));
        assertThat(get("/api/v1/registry/status-lists/other", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPlatinumStandingIsACredentialUntilTheLastDayItHolds() throws Exception {
        HttpResponse<String> issued = get("/api/v1/registry/organisations/org-platinum/platinum-credential", null);
        assertThat(issued.statusCode()).isEqualTo(200);
        com.nimbusds.jose.JWSObject jws = com.nimbusds.jose.JWSObject.parse(issued.body());
        assertThat(jws.verify(new ECDSAVerifier(publishedKey(jws.getHeader().getKeyID())))).isTrue();
        JsonNode credential = JSON.readTree(jws.getPayload().toString());
        assertThat(credential.path("credentialSubject").path("achievement").path("name").asText())
                .isEqualTo("ICSS Platinum");
        assertThat(credential.path("validFrom").asText()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(credential.path("validUntil").asText()).isEqualTo("2027-01-15T00:00:00Z");
        assertThat(get("/api/v1/registry/organisations/org-none/platinum-credential", null).statusCode())
                .isEqualTo(404);
    }

    /** The bit at {@code index} of the status list of {@code purpose}, decoded as the W3C specification says. */
    private boolean bit(String purpose, int index) throws Exception {
        HttpResponse<String> list = get("/api/v1/registry/status-lists/" + purpose, null);
        com.nimbusds.jose.JWSObject jws = com.nimbusds.jose.JWSObject.parse(list.body());
        assertThat(jws.verify(new ECDSAVerifier(publishedKey(jws.getHeader().getKeyID())))).isTrue();
        JsonNode subject = JSON.readTree(jws.getPayload().toString()).path("credentialSubject");
        assertThat(subject.path("statusPurpose").asText()).isEqualTo(purpose);
        String encoded = subject.path("encodedList").asText();
        assertThat(encoded).startsWith("u");
        byte[] bits = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(java.util.Base64
                .getUrlDecoder().decode(encoded.substring(1)))).readAllBytes();
        assertThat(bits.length * 8).isGreaterThanOrEqualTo(131_072);
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    private static void project(LedgerEvent event) {
        new TransactionTemplate(registry.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                registry.getBean(RegistryProjection.class).on(event));
    }

    /**
     * A verifier of a history proof written from the published description alone: SHA-256 of each canonical
     * payload, each entry's hash over the previous one, the checkpoint's head among them, the Merkle path to the
     * root, and the checkpoint's signature against the JWKS. Its problems, each naming what failed.
     */
    private List<String> problemsWith(JsonNode proof) throws Exception {
        List<String> problems = new ArrayList<>();
        String previous = "0".repeat(64);
        List<String> hashes = new ArrayList<>();
        for (JsonNode entry : proof.path("entries")) {
            String id = entry.path("eventId").asText();
            if (entry.hasNonNull("payload") && !sha256(entry.path("payload").asText())
                    .equals(entry.path("payloadHash").asText())) {
                problems.add("entry " + id + ": its payload does not hash to its payload hash");
            }
            if (!entry.path("previousHash").asText().equals(previous)) {
                problems.add("entry " + id + ": it does not link to the entry before it");
            }
            if (!sha256(previous + entry.path("payloadHash").asText()).equals(entry.path("entryHash").asText())) {
                problems.add("entry " + id + ": its hash is not the hash of its link and payload");
            }
            previous = entry.path("entryHash").asText();
            hashes.add(previous);
        }
        String head = proof.path("head").asText();
        if (!hashes.contains(head)) {
            problems.add("the checkpoint's head is not in the chain");
        }
        String node = sha256("leaf:" + proof.path("organisationId").asText() + ":" + head);
        for (JsonNode step : proof.path("inclusion")) {
            String sibling = step.asText().substring(2);
            node = step.asText().startsWith("L:") ? sha256(sibling + node) : sha256(node + sibling);
        }
        JsonNode checkpoint = proof.path("checkpoint");
        if (!node.equals(checkpoint.path("root").asText())) {
            problems.add("the inclusion path does not lead to the checkpoint's root");
        }
        Map<String, Object> signed = verified(checkpoint.path("signed").asText());
        if (!checkpoint.path("root").asText().equals(((Map<String, Object>) signed.get("answer")).get("root"))) {
            problems.add("the signed checkpoint names another root");
        }
        return problems;
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The claims of a compact JWS, once its ES256 signature checks against the key its kid names in the JWKS. */
    private Map<String, Object> verified(String compact) throws Exception {
        SignedJWT jwt = SignedJWT.parse(compact);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.verify(new ECDSAVerifier(publishedKey(jwt)))).as("signature").isTrue();
        return jwt.getJWTClaimsSet().toJSONObject();
    }

    private ECKey publishedKey(SignedJWT jwt) throws Exception {
        return publishedKey(jwt.getHeader().getKeyID());
    }

    private ECKey publishedKey(String kid) throws Exception {
        HttpResponse<String> jwks = get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode keys = JSON.readTree(jwks.body()).path("keys");
        assertThat(keys.findValuesAsText("d")).as("no private part is published").isEmpty();
        return (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(kid);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return get(path, accept, null);
    }

    private HttpResponse<String> get(String path, String accept, TestKeys.Key key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (key != null) {
            request.header("X-API-Key", key.key());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
