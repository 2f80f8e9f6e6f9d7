package org.icss.ledger.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's serialized shape. An event without it is at its first shape (no revision). When an
 * event's shape changes, its revision goes up and the platform registers an upcaster from the older shapes, so every
 * stored or published event still reads. Plain Java: ledger-events depends on no framework; the platform's revision
 * resolver reads this annotation for Axon's serializer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {

    String value();
}
