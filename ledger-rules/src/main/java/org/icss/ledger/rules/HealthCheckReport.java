package org.icss.ledger.rules;

import java.time.LocalDate;

/** A health check as certification knows it (its latest corrected result). */
public record HealthCheckReport(String healthCheckId, LocalDate checkedOn, boolean passed, long sequence) {

    public HealthCheckReport withResult(boolean corrected) {
        return new HealthCheckReport(healthCheckId, checkedOn, corrected, sequence);
    }
}
