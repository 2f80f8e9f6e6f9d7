package org.icss.ledger.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the tracking processors batch, share work and treat failures: every {@code icss.processing.*} setting.
 *
 * @param batchSize           events a tracking processor handles per transaction (and token update) when that many
 *                            are waiting: the Kafka publisher ({@link LedgerKafkaAutoConfiguration}) and, through
 *                            each service's yml, every consumer of another service's topic
 * @param segments            segments of each consuming tracking processor (a new token store only); one organisation's
 *                            events always fall in one segment; also each replica's thread count, so one replica
 *                            alone can work every segment. Each segment's thread reads every record of the topics
 *                            with a Kafka consumer of its own, so more segments than replicas cost CPU for nothing
 * @param deadLetterAfter     attempts at an event that fails for a non-transient reason before it is dead-lettered
 * @param balance             replicas hand segments over so that each works about segments / replicas of them
 * @param balanceEvery        how often a replica announces itself and checks its share
 * @param nodeId              the name this replica claims segments under; blank: the process name and a random suffix
 * @param kafkaHealthTimeout  how long the readiness check waits for the Kafka cluster to answer
 * @param kafkaHealthCache    how long an UP answer of the Kafka check is reused
 * @param deadLetterCache     a consuming processor knows, per segment, which organisations have dead letters (read
 *                            once when it claims the segment) instead of asking the dead-letter table for each event.
 *                            Off by default: the platform dead-letters in its own savepoint path, which Axon's cache
 *                            does not hear of, so an organisation's next event could pass its dead letter
 *                            (DeadLetterTest caught it in CI)
 * @param restartStopped      a processor that Axon stopped for good (an {@code Error}, not an exception, escaped a
 *                            handler) is started again after this, then after twice as long at each further stop, up
 *                            to 10 minutes ({@link org.icss.ledger.platform.processing.StoppedProcessorRestarter})
 */
@ConfigurationProperties("icss.processing")
public record LedgerProcessingProperties(
        @DefaultValue("100") int batchSize,
        @DefaultValue("1") int segments,
        @DefaultValue("3") int deadLetterAfter,
        @DefaultValue("true") boolean balance,
        @DefaultValue("PT5S") Duration balanceEvery,
        String nodeId,
        @DefaultValue("PT2S") Duration kafkaHealthTimeout,
        @DefaultValue("PT5S") Duration kafkaHealthCache,
        @DefaultValue("false") boolean deadLetterCache,
        @DefaultValue("PT10S") Duration restartStopped) {
}
