package org.icss.ledger.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * One key per member body or role, valid on every service ({@link ApiKeyTopic}).
 *
 * @param administerKeys      whether this service serves {@code /api/v1/admin/keys} (true at audit-service only:
 *                            keys are issued, rotated and revoked in one place)
 * @param keyTopic            the Kafka topic of key changes, read from offset 0 by every service (blank: no topic,
 *                            each service keeps its own keys as before)
 * @param keyCatchUpTimeout   how long start-up waits to have read the key topic up to its end offsets before the
 *                            server opens; a request with a key is answered 503 until then
 * @param keyAnnounceInterval how often keys whose latest state is not yet on the topic are announced again (while
 *                            Kafka is unreachable, or for keys from before the topic)
 */
@ConfigurationProperties("icss.security")
public record ApiKeyTopicProperties(@DefaultValue("false") boolean administerKeys,
                                    @DefaultValue("icss.keys") String keyTopic,
                                    @DefaultValue("PT60S") Duration keyCatchUpTimeout,
                                    @DefaultValue("PT5S") Duration keyAnnounceInterval) {

    public boolean topicEnabled() {
        return keyTopic != null && !keyTopic.isBlank();
    }
}
