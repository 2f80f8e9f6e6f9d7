package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.time.Duration;
import java.util.Optional;

/**
 * The API keys this service accepts, in its own database ({@code api_key}): a projection of the key topic
 * ({@link ApiKeyTopic}), so that one key works on every service; the service that administers keys also writes here
 * first and then announces the change. A key is {@code icss_<id>_<secret>}: 12 hex
 * characters of id and 32 random bytes (base64url) of secret. Only its SHA-256 is stored; a presented key is hashed
 * and looked up by that hash (a unique index); a verified key is then trusted for {@code cacheTtl} (see
 * {@link LedgerSecurityProperties}) so that a busy client costs no lookup per request.
 * <p>
 * SHA-256 rather than a slow password hash: the keys are high-entropy random values, not passwords, so a fast hash
 * cannot be brute-forced and keeps the per-request lookup cheap.
 */
public class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(ApiKeyStore.class);
    private static final RowMapper<ApiKeyState> STATE = (rs, row) -> new ApiKeyState(rs.getString("key_id"),
            rs.getString("key_sha256"), rs.getString("role"), rs.getString("member_body"), rs.getString("label"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
            rs.getString("replaced_by"));
    /** A key as the admin endpoint shows it; null for a role or member body this build does not know. */
    private static final RowMapper<KeyInfo> KEY_INFO = (rs, row) -> {
        Optional<ApiKeyRole> role = role(rs.getString("role"));
        Optional<MemberBody> body = memberBody(rs.getString("member_body"));
        if (role.isEmpty() || (rs.getString("member_body") != null && body.isEmpty())) {
            return null;
        }
        return new KeyInfo(rs.getString("key_id"), role.get(), body.orElse(null), rs.getString("label"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                rs.getString("replaced_by"));
    };

    /** Verified keys by hash, trusted until their deadline (System.nanoTime-based); never the keys themselves. */
    private static final int CACHED_KEYS = 10_000;

    private final JdbcTemplate jdbc;
    private final long cacheTtlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(ApiCaller caller, long trustedUntil) {
    }

    /**
     * @param cacheTtl how long a verified key is trusted without a database lookup (zero: look up every time); a key
     *                 revoked or rotated through this store is forgotten at once, one revoked on another replica
     *                 within this time
     */
    public ApiKeyStore(JdbcTemplate jdbc, Duration cacheTtl, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.cacheTtlNanos = cacheTtl.toNanos();
        this.nanoTime = nanoTime;
    }

    public ApiKeyStore(JdbcTemplate jdbc) {
        this(jdbc, Duration.ZERO, System::nanoTime);
    }

    /** A key as the admin endpoint shows it: never the key or its hash. */
    public record KeyInfo(String keyId, ApiKeyRole role, MemberBody memberBody, String label, Instant createdAt,
                          Instant revokedAt, String replacedBy) {
    }

    /** A newly issued key: {@code key} is shown this once and stored nowhere. */
    public record IssuedKey(KeyInfo info, String key) {
    }

    /** The caller a presented key stands for, if the key is known and not revoked. */
    public Optional<ApiCaller> authenticate(String presentedKey) {
        String hash = sha256Hex(presentedKey);
        long now = nanoTime.getAsLong();
        Verified cached = verified.get(hash);
        if (cached != null && now - cached.trustedUntil() < 0) {
            return Optional.of(cached.caller());
        }
        Optional<ApiCaller> caller = lookUp(hash);
        if (caller.isPresent() && cacheTtlNanos > 0) {
            if (verified.size() >= CACHED_KEYS) {
                verified.clear();
            }
            verified.put(hash, new Verified(caller.get(), now + cacheTtlNanos));
        } else {
            verified.remove(hash);
        }
        return caller;
    }

    private Optional<ApiCaller> lookUp(String hash) {
        List<KeyInfo> keys = jdbc.query("SELECT * FROM api_key WHERE key_sha256 = ? AND revoked_at IS NULL",
                KEY_INFO, hash);
        return keys.stream().filter(java.util.Objects::nonNull).findFirst()
                .map(info -> new ApiCaller(info.keyId(), info.role(), info.memberBody()));
    }

    /** Issues a new random key. */
    public IssuedKey issue(ApiKeyRole role, MemberBody memberBody, String label) {
        requireConsistent(role, memberBody);
        String keyId = randomHex(6);
        String key = "icss_" + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        insert(keyId, sha256Hex(key), role, memberBody, label);
        return new IssuedKey(find(keyId).orElseThrow(), key);
    }

    /**
     * Adds a key known only by its hash (configuration, the local development keys), unless a key with this id
     * exists: a key revoked through the admin endpoint stays revoked across restarts.
     *
     * @return true if it was added
     */
    public boolean seed(String keyId, String sha256, ApiKeyRole role, MemberBody memberBody, String label) {
        requireConsistent(role, memberBody);
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("key " + keyId + ": sha256 must be 64 lower-case hex digits");
        }
        return jdbc.update("INSERT INTO api_key (key_id, key_sha256, role, member_body, label) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", keyId, sha256, role.name(),
                memberBody == null ? null : memberBody.name(), label) == 1;
    }

    /** Issues a new key of the same role and member body and revokes the old one at once. */
    public Optional<IssuedKey> rotate(String keyId, Instant now) {
        Optional<KeyInfo> old = find(keyId).filter(info -> info.revokedAt() == null);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        IssuedKey issued = issue(old.get().role(), old.get().memberBody(), old.get().label());
        jdbc.update("UPDATE api_key SET revoked_at = ?, replaced_by = ?, announced = false "
                        + "WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), issued.info().keyId(), keyId);
        forget(keyId);
        return Optional.of(issued);
    }

    /** @return false if there is no such key or it was already revoked */
    public boolean revoke(String keyId, Instant now) {
        boolean revoked = jdbc.update("UPDATE api_key SET revoked_at = ?, announced = false "
                        + "WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), keyId) == 1;
        forget(keyId);
        return revoked;
    }

    /** Stops trusting a cached verification of the key at once. */
    private void forget(String keyId) {
        verified.values().removeIf(entry -> entry.caller().keyId().equals(keyId));
    }

    public Optional<KeyInfo> find(String keyId) {
        return jdbc.query("SELECT * FROM api_key WHERE key_id = ?", KEY_INFO, keyId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public List<KeyInfo> all() {
        return jdbc.query("SELECT * FROM api_key ORDER BY created_at, key_id", KEY_INFO).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    // ------------------------------------------------------------------------------ the key topic (ApiKeyTopic)

    /** A key's state by hash, as the key topic carries it. */
    public Optional<ApiKeyState> state(String keyId) {
        return jdbc.query("SELECT * FROM api_key WHERE key_id = ?", STATE, keyId).stream().findFirst();
    }

    /** The keys whose latest state is not yet known to be on the key topic. */
    public List<ApiKeyState> unannounced() {
        return jdbc.query("SELECT * FROM api_key WHERE NOT announced ORDER BY created_at, key_id", STATE);
    }

    /** Notes that {@code sent} is on the key topic, unless the key changed since it was read. */
    public void markAnnounced(ApiKeyState sent) {
        jdbc.update("UPDATE api_key SET announced = true WHERE key_id = ? AND key_sha256 = ? "
                        + "AND revoked_at IS NOT DISTINCT FROM ? AND replaced_by IS NOT DISTINCT FROM ?",
                sent.keyId(), sent.keySha256(), timestamp(sent.revokedAt()), sent.replacedBy());
    }

    /**
     * Applies a key's state read from the key topic ({@link ApiKeyState#merge}): a new key is added, a revocation
     * takes effect (and this store stops trusting a cached verification of the key at once), another key under a
     * known id changes nothing. A key whose role this service's table does not accept is left out. A row the topic's
     * state does not cover (it knows a revocation the topic's latest record lacks) is marked to be announced again, so
     * that the last record of every key on the compacted topic is its merged state.
     *
     * @return whether the table changed
     */
    public boolean apply(ApiKeyState incoming) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ApiKeyState local = state(incoming.keyId()).orElse(null);
            ApiKeyState.Merged merged = ApiKeyState.merge(local, incoming);
            if (merged instanceof ApiKeyState.Conflict) {
                log.warn("key topic: key {} has another hash here; the announcement is ignored", incoming.keyId());
                return false;
            }
            if (merged instanceof ApiKeyState.Added added) {
                ApiKeyState key = added.state();
                try {
                    if (jdbc.update("INSERT INTO api_key (key_id, key_sha256, role, member_body, label, created_at, "
                                    + "revoked_at, replaced_by, announced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, true) "
                                    + "ON CONFLICT (key_id) DO NOTHING", key.keyId(), key.keySha256(), key.role(),
                            key.memberBody(), key.label(), timestamp(key.createdAt()), timestamp(key.revokedAt()),
                            key.replacedBy()) == 1) {
                        return true;
                    }
                    continue;
                } catch (DataIntegrityViolationException e) {
                    log.warn("key topic: key {} ({} {}) is not accepted here and is left out: {}", key.keyId(),
                            key.role(), key.memberBody() == null ? "" : key.memberBody(),
                            e.getMostSpecificCause().getMessage());
                    return false;
                }
            }
            ApiKeyState.Updated updated = (ApiKeyState.Updated) merged;
            ApiKeyState key = updated.state();
            if (jdbc.update("UPDATE api_key SET label = ?, created_at = ?, revoked_at = ?, replaced_by = ?, "
                            + "announced = ? WHERE key_id = ? AND key_sha256 = ? "
                            + "AND revoked_at IS NOT DISTINCT FROM ? AND replaced_by IS NOT DISTINCT FROM ?",
                    key.label(), timestamp(key.createdAt()), timestamp(key.revokedAt()), key.replacedBy(),
                    updated.announced(), key.keyId(), key.keySha256(), timestamp(local.revokedAt()),
                    local.replacedBy()) == 1) {
                if (key.revokedAt() != null) {
                    forget(key.keyId());
                }
                return updated.changed();
            }
        }
        throw new IllegalStateException("key " + incoming.keyId() + " kept changing while the key topic applied it");
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Optional<ApiKeyRole> role(String name) {
        try {
            return Optional.of(ApiKeyRole.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<MemberBody> memberBody(String name) {
        try {
            return name == null ? Optional.empty() : Optional.of(MemberBody.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void insert(String keyId, String sha256, ApiKeyRole role, MemberBody memberBody, String label) {
        try {
            jdbc.update("INSERT INTO api_key (key_id, key_sha256, role, member_body, label) VALUES (?, ?, ?, ?, ?)",
                    keyId, sha256, role.name(), memberBody == null ? null : memberBody.name(), label);
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("key id or hash collision; issue again", e);
        }
    }

    private static void requireConsistent(ApiKeyRole role, MemberBody memberBody) {
        if ((role == ApiKeyRole.MEMBER_BODY) != (memberBody != null)) {
            throw new IllegalArgumentException("a MEMBER_BODY key names its member body; no other key does");
        }
    }

    /** The hex SHA-256 of a key, as stored (and as {@code icss.security.keys[].sha256} expects it). */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
