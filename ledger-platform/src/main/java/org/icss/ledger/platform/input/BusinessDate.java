package org.icss.ledger.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A business date of a request body within the ledger's window ({@link InputPolicy}): from {@code icss.input
 * .earliest-date} to today, or, with {@code future = true}, to today + {@code icss.input.future-horizon}. Null is
 * valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = BusinessDateValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BusinessDate {

    /** Whether the date may lie ahead of today (up to the future horizon). */
    boolean future() default false;

    String message() default "is outside the ledger's window of business dates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
