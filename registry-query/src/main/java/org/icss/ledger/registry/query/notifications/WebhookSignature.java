package org.icss.ledger.registry.query.notifications;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures (standardwebhooks.com): a secret is {@code whsec_} and the base64 of its key bytes; a
 * message is signed as {@code v1,} and the base64 of HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>},
 * with the secret's key bytes as key. During a rotation a message carries one signature per live secret, separated by
 * spaces, so a receiver that knows either one accepts it.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    private WebhookSignature() {
    }

    /** A fresh secret, {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value: one {@code v1,<base64>} per secret, space separated. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, byte[] body) {
        return secrets.stream().map(secret -> sign(secret, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    /** One signature, {@code v1,<base64 HMAC-SHA256>}. */
    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
