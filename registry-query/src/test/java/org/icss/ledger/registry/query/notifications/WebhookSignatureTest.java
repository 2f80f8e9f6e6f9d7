package org.icss.ledger.registry.query.notifications;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks specification (and of its reference libraries' tests). */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheSpecificationsExample() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void everyPartOfTheSignedContentCounts() {
        String signature = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        assertThat(WebhookSignature.sign(SECRET, ID + "x", TIMESTAMP, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP + 1, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}"
                .getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), ID, TIMESTAMP,
                BODY)).isNotEqualTo(signature);
    }

    @Test
    void aRotationSendsOneSignaturePerLiveSecretSpaceSeparated() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(WebhookSignature.header(List.of(SECRET, other), ID, TIMESTAMP, BODY)).isEqualTo(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= " + WebhookSignature.sign(other, ID, TIMESTAMP, BODY));
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretIsWhsecAndThirtyTwoRandomBytes() {
        SecureRandom random = new SecureRandom();
        String secret = WebhookSignature.newSecret(random);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret(random)).isNotEqualTo(secret);
    }

    @Test
    void refusesASecretWithoutItsPrefix() {
        assertThatThrownBy(() -> WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ID, TIMESTAMP, BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
