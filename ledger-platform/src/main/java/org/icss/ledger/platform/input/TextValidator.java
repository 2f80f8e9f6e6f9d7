package org.icss.ledger.platform.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Optional;

/** Checks {@link Text}: {@link TextPolicy}, then the length in code points. */
public class TextValidator implements ConstraintValidator<Text, String> {

    private int max;

    @Override
    public void initialize(Text annotation) {
        this.max = annotation.max();
    }

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
        if (text == null) {
            return true;
        }
        Optional<String> problem = TextPolicy.problem(text);
        if (problem.isEmpty() && TextPolicy.length(text) > max) {
            problem = Optional.of("must be at most " + max + " characters (has " + TextPolicy.length(text) + ")");
        }
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.get()).addConstraintViolation();
        return false;
    }
}
