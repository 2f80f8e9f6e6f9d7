package org.icss.ledger.platform.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One key on every service: the key projections of two (or three) services, each on its own database, sharing one
 * key topic, as audit-service (which administers keys) and certification-service share {@code icss.keys}.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ApiKeyTopicTest {

    /** A verified key is trusted this long without a lookup: a revocation from the topic must not wait for it. */
    private static final Duration CACHE = Duration.ofMinutes(5);
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

    private final List<ApiKeyTopic> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ApiKeyTopic::stop);
    }

    @Test
    void aKeyIssuedAtTheAdministeringServiceWorksElsewhereUntilItIsRotatedOrRevoked(LedgerInfrastructure infra) {
        String topic = freshTopic();
        ApiKeyStore audit = store(infra, "keys_audit");
        ApiKeyStore certification = store(infra, "keys_certification");
        ApiKeyTopic auditTopic = start(infra, audit, topic, "audit-service");
        start(infra, certification, topic, "certification-service");

        ApiKeyStore.IssuedKey issued = audit.issue(ApiKeyRole.MEMBER_BODY, MemberBody.CSIAU, "CSIAU's system");
        assertThat(auditTopic.publish(ApiKeyEvent.ISSUED, issued.info().keyId())).isTrue();
        await().atMost(WITHIN_SECONDS).until(() -> certification.authenticate(issued.key()).isPresent());
        assertThat(certification.authenticate(issued.key())).map(ApiCaller::memberBody).contains(MemberBody.CSIAU);

        // rotated at audit-service: the old key refused at certification-service, the new one accepted
        ApiKeyStore.IssuedKey successor = audit.rotate(issued.info().keyId(), Instant.now()).orElseThrow();
        auditTopic.publish(ApiKeyEvent.ISSUED, successor.info().keyId());
        auditTopic.publish(ApiKeyEvent.ROTATED, issued.info().keyId());
        await().atMost(WITHIN_SECONDS).until(() -> certification.authenticate(issued.key()).isEmpty());
        assertThat(certification.authenticate(successor.key())).map(ApiCaller::memberBody)
                .contains(MemberBody.CSIAU);
        assertThat(certification.find(issued.info().keyId())).map(ApiKeyStore.KeyInfo::replacedBy)
                .contains(successor.info().keyId());

        // revoked at audit-service: refused everywhere, though certification-service had just verified it
        assertThat(audit.revoke(successor.info().keyId(), Instant.now())).isTrue();
        auditTopic.publish(ApiKeyEvent.REVOKED, successor.info().keyId());
        assertThat(audit.authenticate(successor.key())).isEmpty();
        await().atMost(WITHIN_SECONDS).until(() -> certification.authenticate(successor.key()).isEmpty());

        // a service that starts later has read the whole topic before it takes a request: no wait
        ApiKeyStore awards = store(infra, "keys_awards");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ApiKeyTopic awardsTopic = new ApiKeyTopic(awards, infra.kafkaBootstrapServers(), "awards-service",
                new ApiKeyTopicProperties(false, topic, Duration.ofSeconds(60), Duration.ofMillis(200)), metrics);
        started.add(awardsTopic);
        awardsTopic.start();
        assertThat(awardsTopic.caughtUp()).isTrue();
        assertThat(metrics.get("icss.keys.current").gauge().value()).isEqualTo(1.0);
        assertThat(metrics.get("icss.keys.applied").tag("change", "revoked").counter().count()).isPositive();
        assertThat(awards.authenticate(issued.key())).isEmpty();
        assertThat(awards.authenticate(successor.key())).isEmpty();
        assertThat(awards.find(successor.info().keyId())).map(ApiKeyStore.KeyInfo::revokedAt).isPresent();
    }

    @Test
    void keysFromBeforeTheTopicAreAnnouncedAndTheirRevocationReachesTheServiceThatHadThem(
            LedgerInfrastructure infra) {
        String topic = freshTopic();
        // before the change: each service had its own keys (issued there, or seeded by configuration)
        ApiKeyStore audit = store(infra, "keys_audit");
        ApiKeyStore certification = store(infra, "keys_certification");
        ApiKeyStore.IssuedKey issuedAtCertification = certification.issue(ApiKeyRole.COMPLIANCE, null, "old");
        String seeded = "seeded-admin-" + UUID.randomUUID();
        assertThat(certification.seed("ops-admin", ApiKeyStore.sha256Hex(seeded), ApiKeyRole.ADMIN, null,
                "configured")).isTrue();
        assertThat(audit.seed("ops-admin", ApiKeyStore.sha256Hex(seeded), ApiKeyRole.ADMIN, null, "configured"))
                .isTrue();

        ApiKeyTopic auditTopic = start(infra, audit, topic, "audit-service");
        start(infra, certification, topic, "certification-service");

        // certification-service announced its own keys: they now work at audit-service too, and still at home
        await().atMost(WITHIN_SECONDS).until(() -> audit.authenticate(issuedAtCertification.key()).isPresent());
        assertThat(certification.authenticate(issuedAtCertification.key())).isPresent();
        assertThat(certification.authenticate(seeded)).map(ApiCaller::role).contains(ApiKeyRole.ADMIN);
        await().atMost(WITHIN_SECONDS).until(() -> certification.unannounced().isEmpty()
                && audit.unannounced().isEmpty());

        // revoked in the one place keys are administered: refused at the service that issued it
        assertThat(audit.revoke(issuedAtCertification.info().keyId(), Instant.now())).isTrue();
        auditTopic.publish(ApiKeyEvent.REVOKED, issuedAtCertification.info().keyId());
        assertThat(audit.revoke("ops-admin", Instant.now())).isTrue();
        auditTopic.publish(ApiKeyEvent.REVOKED, "ops-admin");
        await().atMost(WITHIN_SECONDS).until(() -> certification.authenticate(issuedAtCertification.key()).isEmpty()
                && certification.authenticate(seeded).isEmpty());

        // seeding again at the next start (the configuration still names the key) does not bring it back
        assertThat(certification.seed("ops-admin", ApiKeyStore.sha256Hex(seeded), ApiKeyRole.ADMIN, null,
                "configured")).isFalse();
        assertThat(certification.authenticate(seeded)).isEmpty();
    }

    @Test
    void anotherKeyUnderAKnownIdRevokesNothing(LedgerInfrastructure infra) {
        String topic = freshTopic();
        ApiKeyStore audit = store(infra, "keys_audit");
        ApiKeyStore certification = store(infra, "keys_certification");
        String ours = "ours-" + UUID.randomUUID();
        String theirs = "theirs-" + UUID.randomUUID();
        audit.seed("test-admin", ApiKeyStore.sha256Hex(theirs), ApiKeyRole.ADMIN, null, null);
        certification.seed("test-admin", ApiKeyStore.sha256Hex(ours), ApiKeyRole.ADMIN, null, null);
        ApiKeyTopic auditTopic = start(infra, audit, topic, "audit-service");
        start(infra, certification, topic, "certification-service");

        audit.revoke("test-admin", Instant.now());
        auditTopic.publish(ApiKeyEvent.REVOKED, "test-admin");
        ApiKeyStore.IssuedKey marker = audit.issue(ApiKeyRole.SECRETARIAT, null, "after the revocation");
        auditTopic.publish(ApiKeyEvent.ISSUED, marker.info().keyId());
        await().atMost(WITHIN_SECONDS).until(() -> certification.authenticate(marker.key()).isPresent());
        assertThat(certification.authenticate(ours)).map(ApiCaller::role).contains(ApiKeyRole.ADMIN);
    }

    private static String freshTopic() {
        return "icss.keys-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ApiKeyStore store(LedgerInfrastructure infra, String database) {
        return new ApiKeyStore(new JdbcTemplate(infra.migratedDatabase(database, "classpath:db/platform")), CACHE,
                System::nanoTime);
    }

    private ApiKeyTopic start(LedgerInfrastructure infra, ApiKeyStore store, String topic, String service) {
        ApiKeyTopic keyTopic = new ApiKeyTopic(store, infra.kafkaBootstrapServers(), service,
                new ApiKeyTopicProperties(false, topic, Duration.ofSeconds(60), Duration.ofMillis(200)));
        keyTopic.start();
        started.add(keyTopic);
        return keyTopic;
    }
}
