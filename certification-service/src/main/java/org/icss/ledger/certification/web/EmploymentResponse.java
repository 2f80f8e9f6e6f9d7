package org.icss.ledger.certification.web;

/** An employment recorded for a professional; {@code employmentId} names it when it ends. */
public record EmploymentResponse(String professionalId, String employmentId, String position) {
}
