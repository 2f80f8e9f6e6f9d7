package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Verified keys are trusted for a short time without a lookup; a revocation still takes effect within it. */
@ExtendWith(LedgerInfrastructureExtension.class)
class ApiKeyStoreTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    @Test
    void aKeyRevokedOnThisReplicaIsRefusedAtOnceAndOneRevokedElsewhereWithinTheCacheTime(LedgerInfrastructure infra) {
        JdbcTemplate jdbc = new JdbcTemplate(infra.migratedDatabase("keys", "classpath:db/platform"));
        AtomicLong nanos = new AtomicLong(1_000);
        ApiKeyStore store = new ApiKeyStore(jdbc, TTL, nanos::get);
        ApiKeyStore.IssuedKey here = store.issue(ApiKeyRole.MEMBER_BODY, MemberBody.CSIAU, "here");
        ApiKeyStore.IssuedKey elsewhere = store.issue(ApiKeyRole.COMPLIANCE, null, "elsewhere");

        assertThat(store.authenticate(here.key())).map(ApiCaller::memberBody).contains(MemberBody.CSIAU);
        assertThat(store.authenticate(elsewhere.key())).map(ApiCaller::role).contains(ApiKeyRole.COMPLIANCE);
        assertThat(store.authenticate("icss_000000000000_not-a-key")).isEmpty();

        // revoked through this store: refused at once
        assertThat(store.revoke(here.info().keyId(), Instant.now())).isTrue();
        assertThat(store.authenticate(here.key())).isEmpty();

        // revoked by another replica (straight in the database): trusted until the cache time is up, then refused
        jdbc.update("UPDATE api_key SET revoked_at = now() WHERE key_id = ?", elsewhere.info().keyId());
        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(store.authenticate(elsewhere.key())).isPresent();
        nanos.addAndGet(2);
        assertThat(store.authenticate(elsewhere.key())).isEmpty();
    }

    @Test
    void aRotatedKeyIsRefusedAtOnceAndItsSuccessorAccepted(LedgerInfrastructure infra) {
        JdbcTemplate jdbc = new JdbcTemplate(infra.migratedDatabase("keys", "classpath:db/platform"));
        ApiKeyStore store = new ApiKeyStore(jdbc, TTL, () -> 0L);
        ApiKeyStore.IssuedKey old = store.issue(ApiKeyRole.ADMIN, null, "ops");
        assertThat(store.authenticate(old.key())).isPresent();

        ApiKeyStore.IssuedKey successor = store.rotate(old.info().keyId(), Instant.now()).orElseThrow();
        assertThat(store.authenticate(old.key())).isEmpty();
        assertThat(store.authenticate(successor.key())).map(ApiCaller::role).contains(ApiKeyRole.ADMIN);
    }
}
