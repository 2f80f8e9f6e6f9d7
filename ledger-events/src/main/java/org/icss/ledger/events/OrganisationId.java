package org.icss.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organisation across every service; written on the wire as a plain string. */
public record OrganisationId(@JsonValue String value) {

    @JsonCreator
    public OrganisationId {
        Objects.requireNonNull(value, "organisation id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("organisation id must not be blank");
        }
    }

    public static OrganisationId random() {
        return new OrganisationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
