package org.icss.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a person holding (or having held) a CCSM credential. Events name people only by this id; names and
 * contact details live in certification-service's erasable table.
 */
public record ProfessionalId(@JsonValue String value) {

    @JsonCreator
    public ProfessionalId {
        Objects.requireNonNull(value, "professional id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("professional id must not be blank");
        }
    }

    public static ProfessionalId random() {
        return new ProfessionalId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
