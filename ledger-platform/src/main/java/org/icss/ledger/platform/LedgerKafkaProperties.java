package org.icss.ledger.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which topics a service publishes to and reads from.
 *
 * @param publishTopic  the service's own topic (also set as {@code axon.kafka.default-topic})
 * @param consumeTopics the other services' topics this service reads with its Kafka tracking processor
 * @param bufferSize    records buffered per consumer between Kafka and the processor
 */
@ConfigurationProperties("icss.kafka")
public record LedgerKafkaProperties(
        String publishTopic,
        @DefaultValue List<String> consumeTopics,
        @DefaultValue("1000") int bufferSize) {
}
