package org.icss.ledger.platform.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text of a request body: at most {@code max} characters, counted as code points (after NFC normalisation,
 * which {@link StrictJson} applies while reading), and nothing {@link TextPolicy} refuses. Null is valid (combine
 * with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    /** Most characters (code points). */
    int max();

    String message() default "is not acceptable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
