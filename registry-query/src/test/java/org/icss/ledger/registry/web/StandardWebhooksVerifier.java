package org.icss.ledger.registry.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The receiving side of the Standard Webhooks specification, written here from the specification (not from the
 * production code): strip {@code whsec_} and base64-decode the secret; HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + body}; accept when any space-separated {@code v1,<base64>} entry of
 * {@code webhook-signature} matches in constant time and the timestamp is within the tolerance of now.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, String id, String timestamp, String signatureHeader, byte[] body,
                          Instant now) throws Exception {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        String base64Key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] expected = hmac.doFinal(ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body)
                .array());
        for (String entry : signatureHeader.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, presented)) {
                return true;
            }
        }
        return false;
    }
}
