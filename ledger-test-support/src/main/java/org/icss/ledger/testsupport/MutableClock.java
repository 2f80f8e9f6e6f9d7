package org.icss.ledger.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests set by hand: the services' {@code Clock} bean in tests that live through time. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(LocalDate date) {
        return new MutableClock(date.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    /** Noon UTC on {@code date}. */
    public void setDate(LocalDate date) {
        now = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the ledger's clock is UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
