package org.icss.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** The public number printed on a certificate, e.g. {@code ICSS-2024-3F9A21C7}. */
public record CertificateNumber(@JsonValue String value) {

    @JsonCreator
    public CertificateNumber {
        Objects.requireNonNull(value, "certificate number");
        if (value.isBlank()) {
            throw new IllegalArgumentException("certificate number must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
