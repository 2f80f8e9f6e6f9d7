package org.icss.ledger.registry.query.notifications;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What the delivery log keeps of a receiver's answer: at most 1 KB, whole characters, no control characters. */
class ResponseBodyTruncationTest {

    @Test
    void keepsAShortAnswerAsItIs() {
        assertThat(DeliveryWorker.truncated("{\"ok\":true}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"ok\":true}\n");
    }

    @Test
    void keepsAFullKilobyteOfAscii() {
        byte[] full = new byte[1024];
        Arrays.fill(full, (byte) 'x');
        assertThat(DeliveryWorker.truncated(full)).hasSize(1024);
    }

    @Test
    void dropsACharacterCutInTheMiddleAtTheKilobyte() {
        // 1022 ASCII bytes, then the first two of the three bytes of "€": the cut character is left out
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[1024];
        Arrays.fill(body, 0, 1022, (byte) 'a');
        body[1022] = euro[0];
        body[1023] = euro[1];
        assertThat(DeliveryWorker.truncated(body)).isEqualTo("a".repeat(1022));
        // a whole character at the end stays
        byte[] whole = new byte[1024];
        Arrays.fill(whole, 0, 1021, (byte) 'a');
        System.arraycopy(euro, 0, whole, 1021, 3);
        assertThat(DeliveryWorker.truncated(whole)).isEqualTo("a".repeat(1021) + "€");
    }

    @Test
    void replacesControlCharactersAndBadBytes() {
        byte[] body = {'o', 'k', 0, 0x07, '\n', (byte) 0xff, '!'};
        assertThat(DeliveryWorker.truncated(body)).isEqualTo("ok\uFFFD\uFFFD\n\uFFFD!");
    }
}
