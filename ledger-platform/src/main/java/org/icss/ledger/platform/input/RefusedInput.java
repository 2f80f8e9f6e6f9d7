package org.icss.ledger.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value the strict reader refuses for a reason worth telling the client (a control character, a date-time
 * where a date belongs); the problem handler shows {@link #reason()} against the field's path. The message never
 * carries the offending value.
 */
public class RefusedInput extends MismatchedInputException {

    private final String reason;

    public RefusedInput(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
