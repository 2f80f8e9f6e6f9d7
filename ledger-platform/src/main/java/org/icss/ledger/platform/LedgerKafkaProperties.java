package org.icss.ledger.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Which topics a service publishes to and reads from.
 *
 * @param publishTopic  the service's own topic (also set as {@code axon.kafka.default-topic})
 * @param consumeTopics the other services' topics this service reads with its Kafka tracking processor
 * @param bufferSize    records buffered per consumer between Kafka and the processor
 * @param publishAckTimeout how long the publisher waits, once per batch, for Kafka's acknowledgements of the batch's
 *                          records before it waits again (and sends failed records again)
 * @param publishAttempts   rounds of that wait before the batch fails and the publishing processor retries it after
 *                          its back-off
 */
@ConfigurationProperties("icss.kafka")
public record LedgerKafkaProperties(
        String publishTopic,
        @DefaultValue List<String> consumeTopics,
        @DefaultValue("1000") int bufferSize,
        @DefaultValue("PT5S") Duration publishAckTimeout,
        @DefaultValue("3") int publishAttempts) {
}
