package org.icss.ledger.certification.web;

/** The id under which a newly registered professional is known from now on. */
public record RegistrationResponse(String professionalId, String position) {
}
