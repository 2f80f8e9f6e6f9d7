package org.icss.ledger.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reader of request bodies for every service ({@link StrictWebJsonConfiguration} puts it into Spring MVC's
 * JSON converter). A copy of the application's ObjectMapper, so Axon's event serializer and the Kafka converter,
 * which use the application's mapper, keep reading old events leniently (an upcast event may carry fields a reader
 * does not know). Refused, each answered 400 naming the field:
 * <ul>
 *     <li>a key twice in one object ({@code "SRV-01":8,"SRV-01":2}) and anything after the body's value;</li>
 *     <li>a field the request does not have;</li>
 *     <li>a value of another JSON type than the field's: a number for text, text for a number, a fraction for an
 *     integer, a number for an enum, a boolean for either, an empty string for an object, null for a primitive;</li>
 *     <li>a date that is not exactly {@code yyyy-MM-dd} ({@code 2024-05-02T00:00:00Z} is a date-time);</li>
 *     <li>text that {@link TextPolicy} refuses (control characters, noncharacters, unpaired surrogates). Text that
 *     passes is normalised to NFC before validation counts its length.</li>
 * </ul>
 */
public final class StrictJson {

    private static final Pattern DATE = Pattern.compile("[+-]?\\d{4,10}-\\d{2}-\\d{2}");

    private StrictJson() {
    }

    /** A strict copy of {@code mapper}; {@code mapper} itself is left as it is. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        for (LogicalType type : LogicalType.values()) {
            strict.coercionConfigFor(type)
                    .setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        }
        for (LogicalType scalar : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.Enum, LogicalType.DateTime}) {
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String}) {
                if (!natural(scalar, shape)) {
                    strict.coercionConfigFor(scalar).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        SimpleModule module = new SimpleModule("ledger-strict-input");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(LocalDate.class, new DateDeserializer());
        strict.registerModule(module);
        return strict;
    }

    /** The JSON shape a type is written in: no coercion involved. */
    private static boolean natural(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Textual, Enum, DateTime -> shape == CoercionInputShape.String;
            default -> false;
        };
    }

    /** A JSON string only, refused by {@link TextPolicy} or normalised to NFC. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new RefusedInput(parser, String.class, "must be a JSON string");
            }
            String text = parser.getText();
            Optional<String> problem = TextPolicy.problem(text);
            if (problem.isPresent()) {
                throw new RefusedInput(parser, String.class, problem.get());
            }
            return TextPolicy.normalise(text);
        }
    }

    /** A JSON string {@code yyyy-MM-dd} (ISO-8601, years beyond 9999 signed) and nothing else. */
    static final class DateDeserializer extends StdScalarDeserializer<LocalDate> {

        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new RefusedInput(parser, LocalDate.class, "must be a date such as 2024-05-02");
            }
            String text = parser.getText();
            if (!DATE.matcher(text).matches()) {
                throw new RefusedInput(parser, LocalDate.class, "must be a date such as 2024-05-02");
            }
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new RefusedInput(parser, LocalDate.class, "is not a date of the calendar");
            }
        }
    }
}
