package org.icss.ledger.platform.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalDate;
import java.time.Period;

/**
 * The window of business dates every write endpoint takes ({@code icss.input.*}, README "Configuration").
 *
 * @param earliestDate  no business date (an audit, a registration, a health check, an award, a credential, an
 *                      employment) before this; ICSS began long after it, and PostgreSQL and {@code java.sql.Date}
 *                      store every date in the window
 * @param futureHorizon how far after today a date that is meant to lie in the future (a CCSM credential's
 *                      {@code validUntil}) may be; every other business date is at most today (the service's clock)
 */
@ConfigurationProperties("icss.input")
public record InputProperties(
        @DefaultValue("1990-01-01") LocalDate earliestDate,
        @DefaultValue("P50Y") Period futureHorizon) {
}
