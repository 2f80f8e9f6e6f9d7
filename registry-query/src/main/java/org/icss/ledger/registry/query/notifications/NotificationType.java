package org.icss.ledger.registry.query.notifications;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents types a subscription can ask for. */
public enum NotificationType {
    STANDING_CHANGED("org.icss.standing.changed"),
    CERTIFICATE_AWARDED("org.icss.certificate.awarded"),
    CERTIFICATE_SUSPENDED("org.icss.certificate.suspended"),
    CERTIFICATE_REINSTATED("org.icss.certificate.reinstated"),
    CERTIFICATE_WITHDRAWN("org.icss.certificate.withdrawn"),
    CERTIFICATE_EXPIRED("org.icss.certificate.expired");

    private final String type;

    NotificationType(String type) {
        this.type = type;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public static Optional<NotificationType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
