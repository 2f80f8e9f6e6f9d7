package org.icss.ledger.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys that tests make for themselves: random keys, given to a service by hash only, as start arguments
 * ({@code icss.security.keys[i].*}, see the platform's {@code LedgerSecurityProperties}).
 */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /**
     * @param memberBody the member body of a MEMBER_BODY key, else null
     * @param key        what a request sends as {@code X-API-Key}
     */
    public record Key(String id, String key, String role, String memberBody) {
    }

    public static Key memberBody(String memberBody) {
        return random("test-" + memberBody.toLowerCase(), "MEMBER_BODY", memberBody);
    }

    public static Key role(String role) {
        return random("test-" + role.toLowerCase().replace('_', '-'), role, null);
    }

    public static Key random(String id, String role, String memberBody) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return new Key(id, "test_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), role,
                memberBody);
    }

    /** The start arguments that give a service these keys. */
    public static List<String> arguments(List<Key> keys) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            String prefix = "--icss.security.keys[" + i + "].";
            args.add(prefix + "id=" + key.id());
            args.add(prefix + "sha256=" + sha256Hex(key.key()));
            args.add(prefix + "role=" + key.role());
            if (key.memberBody() != null) {
                args.add(prefix + "member-body=" + key.memberBody());
            }
        }
        return args;
    }

    /** {@code args} and then the arguments that give a service these keys. */
    public static String[] withKeys(List<Key> keys, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(arguments(keys));
        return all.toArray(String[]::new);
    }

    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
