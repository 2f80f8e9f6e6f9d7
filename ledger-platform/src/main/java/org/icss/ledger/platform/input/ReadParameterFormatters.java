package org.icss.ledger.platform.input;

import org.springframework.format.Formatter;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How query parameters of type {@link LocalDate} ({@code asOf}, {@code through}) and {@link Instant}
 * ({@code knownAt}) are read by every service: ISO-8601, within {@link InputPolicy}'s read window. Anything else is
 * a type mismatch, answered 400 problem+json naming the parameter, instead of a date PostgreSQL cannot hold
 * reaching a query.
 */
final class ReadParameterFormatters {

    private ReadParameterFormatters() {
    }

    static final class Dates implements Formatter<LocalDate> {

        @Override
        public LocalDate parse(String text, Locale locale) throws ParseException {
            LocalDate date;
            try {
                date = LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new ParseException("must be a date such as 2024-05-02", 0);
            }
            String problem = InputPolicy.readDateProblem(date).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return date;
        }

        @Override
        public String print(LocalDate date, Locale locale) {
            return date.toString();
        }
    }

    static final class Instants implements Formatter<Instant> {

        @Override
        public Instant parse(String text, Locale locale) throws ParseException {
            Instant instant;
            try {
                instant = Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new ParseException("must be an instant such as 2026-01-31T12:00:00Z", 0);
            }
            String problem = InputPolicy.readInstantProblem(instant).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return instant;
        }

        @Override
        public String print(Instant instant, Locale locale) {
            return instant.toString();
        }
    }
}
