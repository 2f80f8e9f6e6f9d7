package org.icss.ledger.platform.positions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionTest {

    @Test
    void aPositionReadsBackAsItIsWritten() {
        UUID event = UUID.randomUUID();
        Position position = new Position("audit", "5b0c2f9e-1111-2222-3333-444455556666", event);

        assertThat(Position.parse(position.toString())).isEqualTo(position);
        assertThat(position.toString()).isEqualTo("audit:5b0c2f9e-1111-2222-3333-444455556666:" + event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "audit", "audit:org", "audit:org:not-a-uuid", "registry:org:" + ZERO,
            "audit::" + ZERO, "audit:org 1:" + ZERO, "audit:org:" + ZERO + ":more", "AUDIT:org:" + ZERO,
            "audit:org:{00000000-0000-0000-0000-000000000000}", "audit:org:0-0-0-0-0"})
    void anythingElseIsRefusedWithAReason(String text) {
        assertThatThrownBy(() -> Position.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(the |a position ).*");
    }

    private static final String ZERO = "00000000-0000-0000-0000-000000000000";

    @Test
    void theServiceOfAPublishTopic() {
        assertThat(EventPositions.serviceOf("icss.audit.events")).isEqualTo("audit");
        assertThat(EventPositions.serviceOf("icss.certification.events")).isEqualTo("certification");
        assertThat(EventPositions.serviceOf("icss.awards.events")).isEqualTo("awards");
        assertThat(EventPositions.serviceOf("icss.registry.unused")).isNull();
        assertThat(EventPositions.serviceOf(null)).isNull();
    }
}
