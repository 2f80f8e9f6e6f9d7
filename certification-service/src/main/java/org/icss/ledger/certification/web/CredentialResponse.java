package org.icss.ledger.certification.web;

/** A credential recorded for a professional. */
public record CredentialResponse(String professionalId, String credentialId, String position) {
}
