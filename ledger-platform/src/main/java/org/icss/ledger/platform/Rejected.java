package org.icss.ledger.platform;

import java.util.Map;
import java.util.TreeMap;

/**
 * A request the ledger refuses, with nothing recorded. Thrown by web layers and by aggregates alike; the web layer
 * answers it as RFC 9457 problem+json: {@link Kind} gives the status, {@code type} the problem type under
 * {@code /problems/}, and {@code errors} one message per offending field or attribute.
 * <p>
 * A refusal is <em>settled</em> by default: the same request would be refused the same way later (a malformed score,
 * a duplicate). One that depends on state which can change with time (an organisation another service's view has not
 * caught up with, a certificate the 2020 version rule looks for, a date that is still in the future) is
 * {@link #provisional()}: an Idempotency-Key does not keep it, and a retry with the same key is decided afresh
 * ({@code IdempotentReplay}).
 */
public class Rejected extends RuntimeException {

    public enum Kind {
        /** 422: well-formed, but it breaks a rule. */
        INVALID,
        /** 404: it names something the ledger does not know. */
        NOT_FOUND,
        /** 409: it contradicts what is already recorded. */
        CONFLICT,
        /** 403: the caller's key may not do this (another member body's organisation). */
        FORBIDDEN
    }

    private final Kind kind;
    private final ProblemType type;
    private final Map<String, String> errors;
    private final boolean provisional;

    public Rejected(Kind kind, ProblemType type, String detail, Map<String, String> errors) {
        this(kind, type, detail, errors, false);
    }

    private Rejected(Kind kind, ProblemType type, String detail, Map<String, String> errors, boolean provisional) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.errors = new TreeMap<>(errors);
        this.provisional = provisional;
    }

    /**
     * The same refusal, marked as depending on state that can change with time: a retry with the same
     * Idempotency-Key is decided afresh instead of answered from the stored refusal.
     */
    public Rejected provisional() {
        return new Rejected(kind, type, getMessage(), errors, true);
    }

    /** Whether this refusal may not hold later (see {@link #provisional()}). */
    public boolean isProvisional() {
        return provisional;
    }

    public static Rejected invalid(String detail, Map<String, String> errors) {
        return new Rejected(Kind.INVALID, ProblemType.VALIDATION, detail, errors);
    }

    public static Rejected notFound(String what, String id) {
        return new Rejected(Kind.NOT_FOUND, ProblemType.NOT_FOUND, what + " " + id + " is unknown", Map.of());
    }

    /** A 409 of one of the conflict types of {@link ProblemType}. */
    public static Rejected conflict(ProblemType type, String detail) {
        if (type.status() != org.springframework.http.HttpStatus.CONFLICT) {
            throw new IllegalArgumentException(type + " is not a conflict");
        }
        return new Rejected(Kind.CONFLICT, type, detail, Map.of());
    }

    public static Rejected forbidden(String detail) {
        return new Rejected(Kind.FORBIDDEN, ProblemType.FORBIDDEN, detail, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    /** The problem type's slug ({@code /problems/<slug>}). */
    public String type() {
        return type.slug();
    }

    public ProblemType problemType() {
        return type;
    }

    public String title() {
        return type.title();
    }

    public Map<String, String> errors() {
        return errors;
    }
}
