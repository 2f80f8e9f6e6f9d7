package org.icss.ledger.platform.web;

import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.web.IdempotentReplay.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers an Idempotency-Key replays and which a retry with the same key decides afresh. */
class IdempotentReplayTest {

    @ParameterizedTest(name = "{0} provisional={1}: {2}")
    @CsvSource({
            // what the same request gets again at any later time: kept
            "200, false, REPLAY",
            "201, false, REPLAY",
            "204, false, REPLAY",
            "400, false, REPLAY",
            "403, false, REPLAY",
            "409, false, REPLAY",
            "413, false, REPLAY",
            "415, false, REPLAY",
            "422, false, REPLAY",
            // refusals that can change with time
            "422, true, DECIDE_AFRESH",
            "409, true, DECIDE_AFRESH",
            "404, false, DECIDE_AFRESH",
            "429, false, DECIDE_AFRESH",
            "408, false, DECIDE_AFRESH",
            "401, false, DECIDE_AFRESH",
            "500, false, DECIDE_AFRESH",
            "503, false, DECIDE_AFRESH",
            // a success is a success: nothing provisional about it
            "201, true, REPLAY"
    })
    void decidesFromTheStatusAndWhetherTheRefusalCanChange(int status, boolean provisional, Decision decision) {
        assertThat(IdempotentReplay.of(status, provisional)).isEqualTo(decision);
    }

    @Test
    void aProvisionalRefusalKeepsEverythingButItsPermanence() {
        Rejected settled = Rejected.invalid("The award was not recorded.", Map.of("organisationId", "unknown"));

        Rejected provisional = settled.provisional();

        assertThat(settled.isProvisional()).isFalse();
        assertThat(provisional.isProvisional()).isTrue();
        assertThat(provisional.kind()).isEqualTo(settled.kind());
        assertThat(provisional.type()).isEqualTo(settled.type());
        assertThat(provisional.title()).isEqualTo(settled.title());
        assertThat(provisional.getMessage()).isEqualTo(settled.getMessage());
        assertThat(provisional.errors()).isEqualTo(settled.errors());
    }
}
