package org.icss.ledger.platform.input;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The date windows of the ledger's edge. Writes: a business date lies in [{@code earliest-date}, today], or, where it
 * is meant to lie ahead, in [{@code earliest-date}, today + {@code future-horizon}]; today is the service's clock's.
 * Reads (query parameters such as {@code asOf} and {@code knownAt}): 0001-01-01 to 9999-12-31 (UTC), the years
 * ISO-8601 writes with four digits, which PostgreSQL and {@code java.sql} types hold.
 */
public class InputPolicy {

    public static final LocalDate READ_EARLIEST = LocalDate.of(1, 1, 1);
    public static final LocalDate READ_LATEST = LocalDate.of(9999, 12, 31);
    private static final Instant READ_EARLIEST_INSTANT = READ_EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant READ_LATEST_INSTANT = READ_LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant().minusNanos(1);

    private final InputProperties properties;
    private final Clock clock;

    public InputPolicy(InputProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public LocalDate earliest() {
        return properties.earliestDate();
    }

    /** The last business date a write takes: today, or today + the future horizon for a date meant to lie ahead. */
    public LocalDate latest(boolean future) {
        LocalDate today = LocalDate.now(clock);
        return future ? today.plus(properties.futureHorizon()) : today;
    }

    /** Why a written business date is refused, or empty. */
    public Optional<String> dateProblem(LocalDate date, boolean future) {
        LocalDate latest = latest(future);
        if (date.isBefore(earliest())) {
            return Optional.of("must be on or after " + earliest());
        }
        if (date.isAfter(latest)) {
            return Optional.of(future ? "must be on or before " + latest : "is in the future");
        }
        return Optional.empty();
    }

    /** Why a date in a query is refused, or empty. */
    public static Optional<String> readDateProblem(LocalDate date) {
        return date.isBefore(READ_EARLIEST) || date.isAfter(READ_LATEST)
                ? Optional.of("must be between " + READ_EARLIEST + " and " + READ_LATEST) : Optional.empty();
    }

    /** Why an instant in a query is refused, or empty. */
    public static Optional<String> readInstantProblem(Instant instant) {
        return instant.isBefore(READ_EARLIEST_INSTANT) || instant.isAfter(READ_LATEST_INSTANT)
                ? Optional.of("must be between " + READ_EARLIEST_INSTANT + " and " + READ_LATEST_INSTANT)
                : Optional.empty();
    }
}
