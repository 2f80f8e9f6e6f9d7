package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds the keys of {@code icss.security.keys} (by hash) at start-up, after Flyway made the tables and before the
 * server takes requests; and, in the {@code local} profile only, the well-known development keys below (hashed here,
 * so that not even they are stored in plain text). No other profile has a key in the repository.
 */
public class ApiKeySeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ApiKeySeeder.class);

    /** The development keys of the local profile (README "Authentication"): key id to key. Never for production. */
    public static final Map<String, String> LOCAL_DEVELOPMENT_KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        for (MemberBody body : MemberBody.values()) {
            keys.put("dev-" + body.name().toLowerCase(), "dev-" + body.name().toLowerCase() + "-key");
        }
        keys.put("dev-secretariat", "dev-secretariat-key");
        keys.put("dev-compliance", "dev-compliance-key");
        keys.put("dev-admin", "dev-admin-key");
        keys.put("dev-watcher", "dev-watcher-key");
        LOCAL_DEVELOPMENT_KEYS = Map.copyOf(keys);
    }

    private final ApiKeyStore keys;
    private final LedgerSecurityProperties properties;
    private final Environment environment;

    public ApiKeySeeder(ApiKeyStore keys, LedgerSecurityProperties properties, Environment environment) {
        this.keys = keys;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (LedgerSecurityProperties.SeedKey key : properties.keys()) {
            if (keys.seed(key.id(), key.sha256(), key.role(), key.memberBody(), key.label())) {
                log.info("added configured {} key {}", key.role(), key.id());
            }
        }
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            LOCAL_DEVELOPMENT_KEYS.forEach((id, key) -> {
                ApiKeyRole role = switch (id) {
                    case "dev-secretariat" -> ApiKeyRole.SECRETARIAT;
                    case "dev-compliance" -> ApiKeyRole.COMPLIANCE;
                    case "dev-admin" -> ApiKeyRole.ADMIN;
                    case "dev-watcher" -> ApiKeyRole.WATCHER;
                    default -> ApiKeyRole.MEMBER_BODY;
                };
                MemberBody body = role == ApiKeyRole.MEMBER_BODY
                        ? MemberBody.valueOf(id.substring("dev-".length()).toUpperCase()) : null;
                if (keys.seed(id, ApiKeyStore.sha256Hex(key), role, body, "local development key")) {
                    log.warn("local profile: added development key {} ({}); never use the local profile in "
                            + "production", id, role);
                }
            });
        }
    }
}
