package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Keys added at start-up, by hash only ({@code icss.security.keys[0].id}, {@code .sha256}, {@code .role},
 * {@code .member-body}, {@code .label}): how the first ADMIN key of an environment comes to exist, and how tests give
 * the services their keys. A key is added once (by id); after that it is managed through the admin endpoint, so a
 * revocation stays in force whatever the configuration says.
 * <p>
 * {@code icss.security.key-cache-ttl} (5 s): how long a verified key is trusted without asking the database again; a
 * revocation or rotation takes effect at once on the replica that made it and within this time on the others.
 * <p>
 * {@code icss.security.owner-cache-size} (10,000): how many organisations' registering member bodies a service keeps
 * in memory for the ownership check of a write (an organisation's registering member body never changes, so an
 * answer found is kept; one not found is asked again).
 */
@ConfigurationProperties("icss.security")
public record LedgerSecurityProperties(@DefaultValue List<SeedKey> keys,
                                       @DefaultValue("PT5S") java.time.Duration keyCacheTtl,
                                       @DefaultValue("10000") int ownerCacheSize) {

    /**
     * @param sha256 lower-case hex SHA-256 of the key ({@code printf %s "$KEY" | sha256sum})
     */
    public record SeedKey(String id, String sha256, ApiKeyRole role, MemberBody memberBody, String label) {
    }
}
