package org.icss.ledger.certification.query.professional;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * One employment as recorded: employed on {@code startedOn <= D} and, once ended, {@code D < endedOn}.
 * {@code endedOn} is written as null while the employment lasts (not left out), so every entry has the same shape.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EmploymentView(String employmentId, String organisationId, LocalDate startedOn, LocalDate endedOn) {

    EmploymentView endedOn(LocalDate date) {
        return new EmploymentView(employmentId, organisationId, startedOn, date);
    }
}
