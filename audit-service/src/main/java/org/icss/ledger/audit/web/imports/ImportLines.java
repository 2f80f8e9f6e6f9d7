package org.icss.ledger.audit.web.imports;

import org.icss.ledger.audit.query.registrations.OrganisationRegistrations;
import org.icss.ledger.audit.web.AuditCorrectionRequest;
import org.icss.ledger.audit.web.HealthCheckCorrectionRequest;
import org.icss.ledger.audit.web.HealthCheckRequest;
import org.icss.ledger.audit.web.RegisterOrganisationRequest;
import org.icss.ledger.audit.web.ReportCommands;
import org.icss.ledger.audit.web.ScoreAuditRequest;
import org.icss.ledger.audit.web.WithdrawalRequest;
import org.icss.ledger.audit.web.imports.ImportLine.Kind;
import org.icss.ledger.audit.web.imports.ImportLine.Needs;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.security.MemberBodyAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Validator;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads and records one line of an import the way the single endpoint reads and records its request: the line and
 * its body are read by Spring MVC's own JSON converter (the strict reader, {@code StrictJson}), validated by the
 * same validator as {@code @Valid} ({@code @Text}, {@code @BusinessDate}, ...), checked for ownership as the access
 * rules check the single endpoint's path, and recorded by {@link ReportCommands}, the single endpoints' own code.
 * Failures are thrown as the single endpoint's would be (the problem handler answers them).
 */
@Component
public class ImportLines {

    private static final MethodParameter LINE_BODY;

    static {
        try {
            LINE_BODY = new MethodParameter(ImportLines.class.getDeclaredMethod("lineBody", Object.class), 0);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ReportCommands reports;
    private final OrganisationRegistrations registrations;
    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private final Validator validator;
    private volatile MappingJackson2HttpMessageConverter json;

    public ImportLines(ReportCommands reports, OrganisationRegistrations registrations,
                       ObjectProvider<RequestMappingHandlerAdapter> mvc,
                       @Qualifier("mvcValidator") Validator validator) {
        this.reports = reports;
        this.registrations = registrations;
        this.mvc = mvc;
        this.validator = validator;
    }

    /** What a recorded line gives back: its answer's body, and the organisation a registration registered. */
    public record Recorded(Object result, String registeredId) {
    }

    /** Reads a line's envelope (strictly, validated). */
    public ImportLine envelope(byte[] line) throws IOException, MethodArgumentNotValidException {
        ImportLine envelope = (ImportLine) read(ImportLine.class, line, 0, line.length);
        validate(envelope);
        return envelope;
    }

    /**
     * Records the line: reads its body as the single endpoint does, resolves its organisation ({@code ref} through
     * {@code refs}, the references registered earlier in the import) and sends the command.
     */
    public Recorded record(ImportLine line, byte[] bytes, Function<String, String> refs, ApiCaller caller)
            throws IOException, MethodArgumentNotValidException {
        Object body = read(line.kind().bodyType(), bytes, line.body().start(), line.body().end());
        validate(body);
        String organisationId = organisation(line, refs, caller);
        return switch (line.kind()) {
            case ORGANISATION -> {
                ReportCommands.Registered registered = reports.register((RegisterOrganisationRequest) body);
                yield new Recorded(registered, registered.organisationId());
            }
            case AUDIT -> new Recorded(reports.scoreAudit(organisationId, (ScoreAuditRequest) body), null);
            case HEALTH_CHECK -> new Recorded(reports.recordHealthCheck(organisationId, (HealthCheckRequest) body),
                    null);
            case AUDIT_CORRECTION -> new Recorded(reports.correctAudit(organisationId, line.auditId(),
                    (AuditCorrectionRequest) body), null);
            case AUDIT_WITHDRAWAL -> new Recorded(reports.withdrawAudit(organisationId, line.auditId(),
                    (WithdrawalRequest) body), null);
            case HEALTH_CHECK_CORRECTION -> new Recorded(reports.correctHealthCheck(organisationId,
                    line.healthCheckId(), (HealthCheckCorrectionRequest) body), null);
            case HEALTH_CHECK_WITHDRAWAL -> new Recorded(reports.withdrawHealthCheck(organisationId,
                    line.healthCheckId(), (WithdrawalRequest) body), null);
        };
    }

    /**
     * The organisation a line is about, as the single endpoint's path names it: by {@code ref} (registered earlier in
     * this import) or {@code organisationId}, which the caller's member body must have registered (403 otherwise,
     * as the access rules answer the single endpoint; one nobody registered goes on to the command's 404).
     */
    private String organisation(ImportLine line, Function<String, String> refs, ApiCaller caller) {
        Kind kind = line.kind();
        Needs needs = kind.needs();
        Map<String, String> errors = new TreeMap<>();
        String notHere = "is not a field of a " + kind.code() + " line";
        if (needs == Needs.NOTHING) {
            if (line.organisationId() != null) {
                errors.put("organisationId", notHere + ": the ledger gives a new organisation its id; name it with "
                        + "ref");
            }
            if (line.ref() != null && refs.apply(line.ref()) != null) {
                errors.put("ref", "already names an organisation registered earlier in this import");
            }
        } else if ((line.ref() == null) == (line.organisationId() == null)) {
            errors.put("ref", "give either ref (an organisation registered earlier in this import) or "
                    + "organisationId, not both");
        }
        if (needs != Needs.AUDIT && line.auditId() != null) {
            errors.put("auditId", notHere);
        }
        if (needs == Needs.AUDIT && line.auditId() == null) {
            errors.put("auditId", "is required");
        }
        if (needs != Needs.HEALTH_CHECK && line.healthCheckId() != null) {
            errors.put("healthCheckId", notHere);
        }
        if (needs == Needs.HEALTH_CHECK && line.healthCheckId() == null) {
            errors.put("healthCheckId", "is required");
        }
        if (!errors.isEmpty()) {
            throw Rejected.invalid("The line was not recorded.", errors);
        }
        if (needs == Needs.NOTHING) {
            return null;
        }
        if (line.ref() != null) {
            String id = refs.apply(line.ref());
            if (id == null) {
                // provisional: the registration may still be recorded when the import is posted again
                throw Rejected.invalid("The line was not recorded.", Map.of("ref", "no organisation was registered "
                        + "under this reference earlier in this import")).provisional();
            }
            return id;
        }
        if (!MemberBodyAccess.mayWriteFor(caller, registrations.registeredBy(line.organisationId()))) {
            throw Rejected.forbidden("A " + caller.memberBody() + " key writes only for organisations "
                    + caller.memberBody() + " registered; the line was not recorded.");
        }
        return line.organisationId();
    }

    private Object read(Class<?> type, byte[] bytes, int from, int to) throws IOException {
        return converter().read(type, new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes, from, to - from);
            }

            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                return headers;
            }
        });
    }

    private void validate(Object target) throws MethodArgumentNotValidException {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(target, "line");
        validator.validate(target, errors);
        if (errors.hasErrors()) {
            throw new MethodArgumentNotValidException(LINE_BODY, errors);
        }
    }

    /** Spring MVC's JSON converter: the strict reader of every request body. */
    private MappingJackson2HttpMessageConverter converter() {
        if (json == null) {
            json = mvc.getObject().getMessageConverters().stream()
                    .filter(MappingJackson2HttpMessageConverter.class::isInstance)
                    .map(MappingJackson2HttpMessageConverter.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JSON converter in Spring MVC"));
        }
        return json;
    }

    /** The writer of the answer's lines: the converter's mapper, as the single endpoints write their answers. */
    com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return converter().getObjectMapper();
    }

    /** Stands for "the body of an import line" in a validation failure. */
    @SuppressWarnings("unused")
    private static void lineBody(Object body) {
    }
}
