package org.icss.ledger.platform.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Checks {@link BusinessDate} with the service's {@link InputPolicy} (Spring's validator factory injects it; a plain
 * Bean Validation factory gets the defaults and the UTC system clock).
 */
public class BusinessDateValidator implements ConstraintValidator<BusinessDate, LocalDate> {

    private final InputPolicy policy;
    private boolean future;

    public BusinessDateValidator() {
        this(new InputPolicy(new InputProperties(LocalDate.of(1990, 1, 1), java.time.Period.ofYears(50)),
                Clock.systemUTC()));
    }

    @Autowired
    public BusinessDateValidator(InputPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void initialize(BusinessDate annotation) {
        this.future = annotation.future();
    }

    @Override
    public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
        if (date == null) {
            return true;
        }
        Optional<String> problem = policy.dateProblem(date, future);
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.get().replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
