package org.icss.ledger.platform;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * Every problem type the ledger answers with (RFC 9457 problem+json, {@code type} = {@code /problems/<slug>}), its
 * title and its status: the one list that {@link Rejected}, the platform's error handling and filters, and the OpenAPI
 * descriptions ({@code apidocs.ProblemDocumentation}, {@code apidocs.Refusals}) take them from.
 */
public enum ProblemType {

    MALFORMED("malformed", HttpStatus.BAD_REQUEST, "Malformed request"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
    INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Unauthenticated"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    UNKNOWN_PROCESSING_GROUP("unknown-processing-group", HttpStatus.NOT_FOUND, "Unknown processing group"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not Acceptable"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT, "Idempotency-Key reused"),
    IDEMPOTENCY_KEY_IN_PROGRESS("idempotency-key-in-progress", HttpStatus.CONFLICT,
            "Idempotency-Key in progress"),
    DUPLICATE_REGISTRATION("duplicate-registration", HttpStatus.CONFLICT, "Organisation already registered"),
    DUPLICATE_AUDIT("duplicate-audit", HttpStatus.CONFLICT, "Audit already recorded"),
    DUPLICATE_HEALTH_CHECK("duplicate-health-check", HttpStatus.CONFLICT, "Health check already recorded"),
    DUPLICATE_CORRECTION("duplicate-correction", HttpStatus.CONFLICT, "Correction already recorded"),
    AUDIT_WITHDRAWN("audit-withdrawn", HttpStatus.CONFLICT, "Audit withdrawn"),
    HEALTH_CHECK_WITHDRAWN("health-check-withdrawn", HttpStatus.CONFLICT, "Health check withdrawn"),
    DUPLICATE_AWARD("duplicate-award", HttpStatus.CONFLICT, "Award already recorded"),
    DUPLICATE_CREDENTIAL("duplicate-credential", HttpStatus.CONFLICT, "Credential already recorded"),
    DUPLICATE_EMPLOYMENT("duplicate-employment", HttpStatus.CONFLICT, "Employment already recorded"),
    EMPLOYMENT_ENDED("employment-ended", HttpStatus.CONFLICT, "Employment already ended"),
    IMPORT_IN_PROGRESS("import-in-progress", HttpStatus.CONFLICT, "Import in progress"),
    REPLAY_RUNNING("replay-running", HttpStatus.CONFLICT, "A replay is under way"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type"),
    VALIDATION("validation", HttpStatus.UNPROCESSABLE_ENTITY, "The request breaks a rule"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Try again in a moment"),
    OVERLOADED("overloaded", HttpStatus.SERVICE_UNAVAILABLE, "Too busy to take it now"),
    KEYS_NOT_CURRENT("keys-not-current", HttpStatus.SERVICE_UNAVAILABLE, "Keys not current");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** The last segment of the type URI. */
    public String slug() {
        return slug;
    }

    /** {@code /problems/<slug>}: the problem's {@code type}. */
    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
