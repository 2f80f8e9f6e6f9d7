package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
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
 * The API keys of this service, in its own database ({@code api_key}). A key is {@code icss_<id>_<secret>}: 12 hex
 * characters of id and 32 random bytes (base64url) of secret. Only its SHA-256 is stored; a presented key is hashed
 * and looked up by that hash (a unique index); a verified key is then trusted for {@code cacheTtl} (see
 * {@link LedgerSecurityProperties}) so that a busy client costs no lookup per request.
 * <p>
 * SHA-256 rather than a slow password hash: the keys are high-entropy random values, not passwords, so a fast hash
 * cannot be brute-forced and keeps the per-request lookup cheap.
 */
public class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RowMapper<KeyInfo> KEY_INFO = (rs, row) -> new KeyInfo(rs.getString("key_id"),
            ApiKeyRole.valueOf(rs.getString("role")),
            rs.getString("member_body") == null ? null : MemberBody.valueOf(rs.getString("member_body")),
            rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
            rs.getString("replaced_by"));

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
        List<ApiCaller> callers = jdbc.query("SELECT key_id, role, member_body FROM api_key "
                        + "WHERE key_sha256 = ? AND revoked_at IS NULL",
                (rs, row) -> new ApiCaller(rs.getString("key_id"), ApiKeyRole.valueOf(rs.getString("role")),
                        rs.getString("member_body") == null ? null : MemberBody.valueOf(rs.getString("member_body"))),
                hash);
        return callers.stream().findFirst();
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
        jdbc.update("UPDATE api_key SET revoked_at = ?, replaced_by = ? WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), issued.info().keyId(), keyId);
        forget(keyId);
        return Optional.of(issued);
    }

    /** @return false if there is no such key or it was already revoked */
    public boolean revoke(String keyId, Instant now) {
        boolean revoked = jdbc.update("UPDATE api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), keyId) == 1;
        forget(keyId);
        return revoked;
    }

    /** Stops trusting a cached verification of the key at once. */
    private void forget(String keyId) {
        verified.values().removeIf(entry -> entry.caller().keyId().equals(keyId));
    }

    public Optional<KeyInfo> find(String keyId) {
        return jdbc.query("SELECT * FROM api_key WHERE key_id = ?", KEY_INFO, keyId).stream().findFirst();
    }

    public List<KeyInfo> all() {
        return jdbc.query("SELECT * FROM api_key ORDER BY created_at, key_id", KEY_INFO);
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
