package org.icss.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** The code of one of the standard's attributes, e.g. {@code SRV-01}. */
public record AttributeCode(@JsonValue String code) {

    private static final Pattern FORM = Pattern.compile("[A-Z]{3}-\\d{2}");

    @JsonCreator
    public AttributeCode {
        Objects.requireNonNull(code, "attribute code");
        if (!FORM.matcher(code).matches()) {
            throw new IllegalArgumentException("attribute code must look like SRV-01, was " + code);
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
