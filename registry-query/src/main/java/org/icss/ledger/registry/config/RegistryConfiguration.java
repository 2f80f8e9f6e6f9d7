package org.icss.ledger.registry.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.platform.LedgerKafkaProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.registry.query.registry.Generations;
import org.icss.ledger.registry.query.registry.Histories;
import org.icss.ledger.registry.query.registry.StandingRefresher;
import org.icss.ledger.registry.query.registry.Standings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.icss.ledger.registry.query.registry.PlatinumPolicy;
import org.icss.ledger.registry.query.registry.RegistryProjection;
import org.icss.ledger.registry.query.registry.Replays;
import org.icss.ledger.registry.query.registry.StandingPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.util.Map;

/** The standing rules with their configured parameters: one instance that every answer uses. */
@Configuration
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration {

    @Bean
    public PlatinumPolicy platinumPolicy(RegistryProperties properties) {
        return new PlatinumPolicy(properties.platinumLaunch());
    }

    /**
     * Replays read the consumed topics with a consumer of their own: no group, nothing committed, so the live
     * processor's position (its Axon token) is untouched.
     */
    @Bean(destroyMethod = "close")
    public Replays replays(JdbcTemplate jdbc, PlatformTransactionManager transactions, Generations generations,
                           RegistryProjection projection, Standings standings,
                           KafkaMessageConverter<String, byte[]> converter,
                           LedgerKafkaProperties kafka, RegistryProperties properties, Clock clock,
                           @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "registry-query-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.replayBatchSize(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new Replays(jdbc, transactions, generations, projection, standings, converter,
                () -> new KafkaConsumer<>(config), kafka.consumeTopics(), properties.replayBatchSize(),
                properties.replayPollTimeout(), clock);
    }

    @Bean
    public StandingPolicy standingPolicy(PlatinumPolicy platinumPolicy) {
        return new StandingPolicy(platinumPolicy);
    }

    @Bean
    public Standings standings(JdbcTemplate jdbc, PlatformTransactionManager transactions, Histories histories,
                               StandingPolicy policy, ObjectMapper json, Clock clock,
                               org.icss.ledger.registry.query.registry.Announcements announcements) {
        return new Standings(jdbc, transactions, histories, policy, json, clock, announcements);
    }

    /** Computes pending standings in the background, on every generation being written, and the daily checkpoint. */
    @Bean(destroyMethod = "close")
    public StandingRefresher standingRefresher(Standings standings, Generations generations,
                                               org.icss.ledger.registry.query.registry.Checkpoints checkpoints,
                                               RegistryProperties properties) {
        return new StandingRefresher(standings, generations, checkpoints, properties.standingRefreshInterval(),
                properties.standingRefreshBatch());
    }

    /**
     * Vacuums the answering generation's busiest tables once 2 % of their rows changed, whatever the server's
     * autovacuum does ({@code icss.registry.vacuum-interval}, zero: never).
     */
    @Bean(destroyMethod = "close")
    public org.icss.ledger.registry.query.registry.RegistryVacuum registryVacuum(JdbcTemplate jdbc,
            Generations generations, RegistryProperties properties) {
        return new org.icss.ledger.registry.query.registry.RegistryVacuum(jdbc, generations,
                properties.vacuumInterval());
    }

    /** The daily checkpoints of the tamper-evident history, signed by the registry's answer key. */
    @Bean
    public org.icss.ledger.registry.query.registry.Checkpoints checkpoints(JdbcTemplate jdbc,
            PlatformTransactionManager transactions, Clock clock, org.icss.ledger.registry.web.AnswerSigner signer) {
        return new org.icss.ledger.registry.query.registry.Checkpoints(jdbc, transactions, clock,
                (day, claims) -> signer.sign(java.util.Map.of("kind", "checkpoint", "day", day.toString()), claims));
    }

    @Bean
    public org.icss.ledger.registry.web.AnswerSigner answerSigner(RegistryProperties properties, Clock clock) {
        return new org.icss.ledger.registry.web.AnswerSigner(properties.signing().keyFile(),
                properties.signing().retiredKeyFiles(), clock);
    }

    /** The registry's public keys are public, as the registry is. */
    @Bean
    org.icss.ledger.platform.security.LedgerAccessRules jwksAccessRules() {
        return rules -> {
            for (org.springframework.http.HttpMethod method : new org.springframework.http.HttpMethod[]{
                    org.springframework.http.HttpMethod.GET, org.springframework.http.HttpMethod.HEAD}) {
                rules.requestMatchers(method, "/.well-known/jwks.json").permitAll();
            }
        };
    }

    /**
     * Public answers carry an entity tag (a hash of the body, unless the answer set one of its own, as today's
     * standing does) and a short Cache-Control; a conditional GET whose tag still matches is answered 304.
     */
    @Bean
    public FilterRegistrationBean<ShallowEtagHeaderFilter> registryEntityTags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/v1/registry/*");
        return registration;
    }
}
