package org.icss.ledger.audit.web.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.icss.ledger.audit.web.AuditCorrectionRequest;
import org.icss.ledger.audit.web.HealthCheckCorrectionRequest;
import org.icss.ledger.audit.web.HealthCheckRequest;
import org.icss.ledger.audit.web.RegisterOrganisationRequest;
import org.icss.ledger.audit.web.ScoreAuditRequest;
import org.icss.ledger.audit.web.WithdrawalRequest;
import org.icss.ledger.platform.input.RefusedInput;

import java.io.IOException;

/**
 * One line of a bulk import: which report it is ({@code kind}), which organisation it is about, and the report's
 * {@code body}, exactly the body the single endpoint takes (read and validated by the same reader, as its own JSON).
 * The envelope's fields stand for the single endpoint's path:
 * <ul>
 *     <li>{@code ref}: on a registration, the member body's own reference for the new organisation (its id is the
 *     ledger's, as with the single endpoint); on any other line, the organisation registered under that reference
 *     earlier in the same import;</li>
 *     <li>{@code organisationId}: an organisation registered before (by any earlier request of the member body);</li>
 *     <li>{@code auditId} / {@code healthCheckId}: the audit or check a correction or withdrawal is about.</li>
 * </ul>
 *
 * @param body where the body's JSON object lies in the line (its bytes are read again as the single endpoint's body)
 */
public record ImportLine(
        @NotNull Kind kind,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String ref,
        @Size(max = 100) String organisationId,
        @Size(max = 100) String auditId,
        @Size(max = 100) String healthCheckId,
        @NotNull Span body) {

    /** The kinds of report, each with the body its single endpoint takes. */
    public enum Kind {
        @JsonProperty("organisation") ORGANISATION(RegisterOrganisationRequest.class, Needs.NOTHING),
        @JsonProperty("audit") AUDIT(ScoreAuditRequest.class, Needs.ORGANISATION),
        @JsonProperty("health-check") HEALTH_CHECK(HealthCheckRequest.class, Needs.ORGANISATION),
        @JsonProperty("audit-correction") AUDIT_CORRECTION(AuditCorrectionRequest.class, Needs.AUDIT),
        @JsonProperty("audit-withdrawal") AUDIT_WITHDRAWAL(WithdrawalRequest.class, Needs.AUDIT),
        @JsonProperty("health-check-correction") HEALTH_CHECK_CORRECTION(HealthCheckCorrectionRequest.class,
                Needs.HEALTH_CHECK),
        @JsonProperty("health-check-withdrawal") HEALTH_CHECK_WITHDRAWAL(WithdrawalRequest.class, Needs.HEALTH_CHECK);

        private final Class<?> bodyType;
        private final Needs needs;

        Kind(Class<?> bodyType, Needs needs) {
            this.bodyType = bodyType;
            this.needs = needs;
        }

        public Class<?> bodyType() {
            return bodyType;
        }

        public Needs needs() {
            return needs;
        }

        /** The name a line gives it ({@code health-check}). */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What the single endpoint's path names besides the body. */
    public enum Needs {
        /** a registration: no organisation yet */
        NOTHING,
        /** an organisation ({@code ref} or {@code organisationId}) */
        ORGANISATION,
        /** an organisation and {@code auditId} */
        AUDIT,
        /** an organisation and {@code healthCheckId} */
        HEALTH_CHECK
    }

    /** Where a JSON object lies in the line, in bytes, from its opening to after its closing brace. */
    @JsonDeserialize(using = Span.Reader.class)
    public record Span(int start, int end) {

        static final class Reader extends JsonDeserializer<Span> {
            @Override
            public Span deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new RefusedInput(parser, Span.class, "must be a JSON object: the body the single endpoint "
                            + "takes");
                }
                long start = parser.currentTokenLocation().getByteOffset();
                // the body's own duplicate keys are the body reader's to find, so that they are named as the single
                // endpoint names them (scores.SRV-01, not body.scores.SRV-01)
                parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                parser.skipChildren();
                parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                long end = parser.currentLocation().getByteOffset();
                if (start < 0 || end <= start) {
                    throw new RefusedInput(parser, Span.class, "could not be located in the line");
                }
                return new Span((int) start, (int) end);
            }
        }
    }
}
