package org.icss.ledger.platform;

import org.icss.ledger.rules.CertificationRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Period;

/**
 * {@code icss.rules.*}: the lifecycle's parameters, with DOMAIN.md's documented defaults. Bound here, once, for every
 * service that plays the certificate timeline (certification-service for the lifecycle, audit-service for rule 1),
 * so the two cannot read them differently.
 *
 * @param certifiedMinScore every attribute at least this for plain Certified status (default 4)
 * @param healthCheckGrace  window either side of an anniversary for its health check (default P90D)
 * @param suspensionMax     a passed check within this after suspension reinstates (default P180D)
 */
@ConfigurationProperties("icss.rules")
public record RulesProperties(
        @DefaultValue("4") int certifiedMinScore,
        @DefaultValue("P90D") Period healthCheckGrace,
        @DefaultValue("P180D") Period suspensionMax) {

    public CertificationRules toRules() {
        return new CertificationRules(certifiedMinScore, healthCheckGrace, suspensionMax);
    }
}
