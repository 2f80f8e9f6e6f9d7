package org.icss.ledger.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code icss.processing.*} setting is bound by one record, with the documented defaults. */
class LedgerProcessingPropertiesTest {

    private static LedgerProcessingProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("icss.processing", LedgerProcessingProperties.class);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        LedgerProcessingProperties defaults = bind(Map.of());

        assertThat(defaults.batchSize()).isEqualTo(100);
        assertThat(defaults.segments()).isEqualTo(1);
        assertThat(defaults.deadLetterAfter()).isEqualTo(3);
        assertThat(defaults.balance()).isTrue();
        assertThat(defaults.balanceEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.nodeId()).isNull();
        assertThat(defaults.kafkaHealthTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.kafkaHealthCache()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void batchSizeDeadLetterAfterAndNodeIdAreBoundWithTheRest() {
        LedgerProcessingProperties settings = bind(Map.of("icss.processing.batch-size", "1",
                "icss.processing.dead-letter-after", "5", "icss.processing.node-id", "replica-a"));

        assertThat(settings.batchSize()).isEqualTo(1);
        assertThat(settings.deadLetterAfter()).isEqualTo(5);
        assertThat(settings.nodeId()).isEqualTo("replica-a");
    }
}
