package org.icss.ledger.platform;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.springboot.EventProcessorProperties;
import org.icss.ledger.platform.processing.ByPartitionKey;
import org.icss.ledger.platform.processing.DeadLetters;
import org.icss.ledger.platform.processing.NestedTransactionHandlerEnhancer;
import org.icss.ledger.platform.processing.RetryThenDeadLetter;
import org.icss.ledger.platform.processing.SegmentBalancer;
import org.icss.ledger.platform.processing.StoppedProcessorRestarter;
import org.icss.ledger.platform.web.DeadLetterController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

/**
 * How event processors handle failures and share work ({@link LedgerProcessingProperties}, {@code icss.processing.*}):
 * <ul>
 *     <li>a failing handler is retried, never skipped ({@link PropagatingErrorHandler});</li>
 *     <li>events are sequenced by organisation ({@link ByPartitionKey}, the bean {@value #LEDGER_SEQUENCING_POLICY}
 *     that every consuming processor names in its yml);</li>
 *     <li>each handler of a processing group runs in a savepoint and is tried {@code dead-letter-after} times there
 *     ({@link NestedTransactionHandlerEnhancer}), then dead-lettered ({@link RetryThenDeadLetter});</li>
 *     <li>the dead-letter queue is asked per event only for organisations known to have letters
 *     ({@code dead-letter-cache});</li>
 *     <li>the compliance view of dead letters ({@link DeadLetters}, {@link DeadLetterController}) and their gauges;</li>
 *     <li>segments shared among replicas ({@link SegmentBalancer}) under a per-instance node id;</li>
 *     <li>a processor that an {@code Error} stopped for good is started again ({@link StoppedProcessorRestarter},
 *     {@code restart-stopped}).</li>
 * </ul>
 * Before Axon's configuration, as the single platform configuration it was split from was.
 */
@AutoConfiguration(after = LedgerCoreAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(LedgerProcessingProperties.class)
public class LedgerProcessingAutoConfiguration {

    /** The bean name of {@link #ledgerSequencingPolicy()}, for {@code sequencing-policy} in processor settings. */
    public static final String LEDGER_SEQUENCING_POLICY = "ledgerSequencingPolicy";

    /**
     * A handler that fails makes its processor stop and retry (with back-off) instead of logging and moving on:
     * with Axon's default, a failed command inside a Kafka consumer would still commit the consumer's token and
     * its processed-event row, and the event would be lost without a trace.
     */
    @Bean
    public ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Processors with a dead-letter queue ({@code axon.eventhandling.processors.<group>.dlq.enabled}) retry a
     * transient failure until it passes and dead-letter an event that failed {@code icss.processing.dead-letter-after}
     * times in place for another reason ({@link RetryThenDeadLetter}); every processor sequences events by their partition
     * key, the organisation ({@link ByPartitionKey}), so segments and dead-letter sequences are per organisation.
     */
    @Bean
    public ConfigurerModule ledgerEventProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultSequencingPolicy(configuration -> new ByPartitionKey())
                .registerDefaultDeadLetterPolicy(configuration -> new RetryThenDeadLetter());
    }

    /**
     * The sequencing policy every consuming processor names in {@code axon.eventhandling.processors.<group>
     * .sequencing-policy}: Axon's Spring Boot configuration gives each processor configured in properties its own
     * policy, {@code SequentialPerAggregatePolicy} unless one is named, which overrides the default registered above.
     * Sequencing by aggregate splits an organisation's events among sequences (an employment is the professional's
     * aggregate), and a record without an aggregate falls back to a sequence of its own, so nothing would wait
     * behind its dead letter.
     */
    @Bean(LEDGER_SEQUENCING_POLICY)
    public ByPartitionKey ledgerSequencingPolicy() {
        return new ByPartitionKey();
    }

    /**
     * Every processor with a dead-letter queue checks it per event only for organisations known to have dead letters:
     * Axon's sequence-identifier cache, per segment, starts from one count of the queue's sequences when the segment
     * is claimed (and is dropped when it is released, so a segment handed over by another replica starts afresh), and
     * notes each sequence this replica dead-letters. Without it, each event costs a SELECT on the dead-letter table.
     * A processor's own {@code dlq.cache} settings win.
     */
    @Bean
    public ConfigurerModule deadLetterSequenceCache(EventProcessorProperties processors,
                                                    LedgerProcessingProperties properties) {
        return configurer -> processors.getProcessors().forEach((name, settings) -> {
            if (properties.deadLetterCache() && settings.getDlq().isEnabled()
                    && !settings.getDlq().getCache().isEnabled()) {
                configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(name,
                        (configuration, builder) -> builder.enableSequenceIdentifierCache());
            }
        });
    }

    /**
     * Each event handler of a processing group in a savepoint, tried up to {@code icss.processing.dead-letter-after}
     * times there, so that a failing event leaves nothing behind and never rolls back the batch it came in.
     */
    @Bean
    public static NestedTransactionHandlerEnhancer nestedTransactionHandlerEnhancer(
            ObjectProvider<PlatformTransactionManager> transactionManager, LedgerProcessingProperties properties) {
        return new NestedTransactionHandlerEnhancer(transactionManager, properties.deadLetterAfter());
    }

    @Bean
    @ConditionalOnMissingBean
    public DeadLetters deadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbcTemplate,
                                   PlatformTransactionManager transactionManager, Clock clock) {
        return new DeadLetters(processing, jdbcTemplate, new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    public DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    /** The gauge of each dead-letter queue's size, once the processors are configured. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> deadLetterGauges(DeadLetters deadLetters,
                                                                       ObjectProvider<MeterRegistry> registry) {
        return event -> registry.ifAvailable(deadLetters::bindGauges);
    }

    /**
     * The name this replica's processors claim segments under: {@code icss.processing.node-id}, by default the
     * process name and a random suffix, unique even for two instances in one JVM (Axon's default is the process
     * name alone).
     */
    @Bean
    @ConditionalOnMissingBean(name = "processingNodeId")
    public String processingNodeId(LedgerProcessingProperties properties) {
        String configured = properties.nodeId();
        return configured == null || configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : configured;
    }

    @Bean
    @ConditionalOnProperty(prefix = "icss.processing", name = "balance", matchIfMissing = true)
    public SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbcTemplate,
                                           @Qualifier("processingNodeId") String processingNodeId,
                                           LedgerProcessingProperties properties) {
        return new SegmentBalancer(processing, jdbcTemplate, processingNodeId, properties.balanceEvery());
    }

    @Bean
    @ConditionalOnMissingBean
    public StoppedProcessorRestarter stoppedProcessorRestarter(EventProcessingConfiguration processing,
                                                               LedgerProcessingProperties properties,
                                                               ObjectProvider<MeterRegistry> meters) {
        // real time, not the ledger's Clock bean: tests that hold the business date still must see a restart
        return new StoppedProcessorRestarter(processing, properties.restartStopped(), meters.getIfAvailable(),
                Clock.systemUTC());
    }
}
