package org.icss.ledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** A version of the standard, such as {@code ICSS:2020-2025}. Which versions exist is data: see {@link StandardsCatalogue}. */
public record StandardVersion(@JsonValue String code) {

    private static final Pattern FORM = Pattern.compile("ICSS:\\d{4}-\\d{4}");

    public static final StandardVersion ICSS_2015_2020 = new StandardVersion("ICSS:2015-2020");
    public static final StandardVersion ICSS_2020_2025 = new StandardVersion("ICSS:2020-2025");

    @JsonCreator
    public StandardVersion {
        Objects.requireNonNull(code, "standard version");
        if (!FORM.matcher(code).matches()) {
            throw new IllegalArgumentException("standard version must look like ICSS:2020-2025, was " + code);
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
