package org.icss.ledger.platform;

import java.util.Map;
import java.util.TreeMap;

/**
 * A request the ledger refuses, with nothing recorded. Thrown by web layers and by aggregates alike; the web layer
 * answers it as RFC 9457 problem+json: {@link Kind} gives the status, {@code type} the problem type under
 * {@code /problems/}, and {@code errors} one message per offending field or attribute.
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
    private final String type;
    private final String title;
    private final Map<String, String> errors;

    public Rejected(Kind kind, String type, String title, String detail, Map<String, String> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.errors = new TreeMap<>(errors);
    }

    public static Rejected invalid(String detail, Map<String, String> errors) {
        return new Rejected(Kind.INVALID, "validation", "The request breaks a rule", detail, errors);
    }

    public static Rejected notFound(String what, String id) {
        return new Rejected(Kind.NOT_FOUND, "not-found", "Not found", what + " " + id + " is unknown", Map.of());
    }

    public static Rejected conflict(String type, String title, String detail) {
        return new Rejected(Kind.CONFLICT, type, title, detail, Map.of());
    }

    public static Rejected forbidden(String detail) {
        return new Rejected(Kind.FORBIDDEN, "forbidden", "Forbidden", detail, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, String> errors() {
        return errors;
    }
}
