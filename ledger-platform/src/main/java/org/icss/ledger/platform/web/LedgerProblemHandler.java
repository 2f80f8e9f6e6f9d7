package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.input.RefusedInput;
import org.icss.ledger.platform.processing.TransientFailures;
import org.springframework.beans.TypeMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every error of every service as RFC 9457 problem+json: a type under {@code /problems/}, a title, a detail and,
 * for invalid input, {@code errors} naming each offending field. No stack trace or class name ever leaves.
 */
@RestControllerAdvice
public class LedgerProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerProblemHandler.class);
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile(
            "Duplicate field '([^']{0,200})'");

    /** A provisional refusal is marked on the request, so that an Idempotency-Key does not keep it. */
    @ExceptionHandler(Rejected.class)
    public ProblemDetail rejected(Rejected rejected) {
        if (rejected.isProvisional()) {
            IdempotentReplay.markProvisional();
        }
        return problem(rejected.problemType(), rejected.getMessage(), rejected.errors());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(ProblemType.NOT_FOUND,
                "No record with id " + e.getAggregateIdentifier(), Map.of());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Rejected rejected) {
            ProblemDetail problem = rejected(rejected);
            return ResponseEntity.status(problem.getStatus()).body(problem);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(notFound));
        }
        if (TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        log.error("command failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(ProblemType.INTERNAL,
                "The request could not be completed; nothing was recorded.", Map.of()));
    }

    /**
     * A failure that goes away by itself (the database unreachable, another replica wrote the same organisation a
     * moment before): 503 with Retry-After, so a client repeats the request (with its Idempotency-Key) instead of
     * taking a 500 for a bug.
     */
    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("request failed for a transient reason, answered 503: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(ProblemType.UNAVAILABLE,
                        "The request could not be completed now; nothing was recorded. Retry after 1 s.", Map.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new TreeMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
            if (liesAheadOfToday(error)) {
                // a business date refused for lying ahead of what today allows is allowed some day: an
                // Idempotency-Key does not keep this answer
                IdempotentReplay.markProvisional();
            }
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.putIfAbsent(error.getObjectName(),
                error.getDefaultMessage()));
        return ResponseEntity.unprocessableEntity().body(problem(ProblemType.VALIDATION,
                "One or more fields are invalid.", errors));
    }

    /**
     * A {@code @BusinessDate} refused at its upper bound (today, or today plus the future horizon): the refused date
     * lies after yesterday, while the lower bound (icss.input.earliest-date) lies decades back.
     */
    private static boolean liesAheadOfToday(FieldError error) {
        return "BusinessDate".equals(error.getCode()) && error.getRejectedValue() instanceof java.time.LocalDate date
                && date.isAfter(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new TreeMap<>();
        Throwable cause = e.getCause();
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(cause == null ? null
                : cause.getMessage()));
        if (cause instanceof JsonMappingException mapping && duplicate.lookingAt()) {
            String at = path(mapping);
            String field = duplicate.group(1);
            errors.put(at.isEmpty() || at.equals(field) || at.endsWith("." + field) ? (at.isEmpty() ? field : at)
                    : at + "." + field, "appears more than once in its object");
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors.put(path(mapping), cause instanceof RefusedInput refused ? refused.reason()
                    : cause instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : "has the wrong type or form");
        } else if (cause instanceof StreamReadException read && read.getProcessor() != null) {
            JsonParser parser = read.getProcessor();
            String at = path(parser.getParsingContext());
            String message = String.valueOf(read.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                errors.put(at, "appears more than once in its object");
            } else if (!at.isEmpty()) {
                errors.put(at, "is not valid JSON");
            }
        }
        return ResponseEntity.badRequest().body(problem(ProblemType.MALFORMED,
                "The body is not valid JSON of the expected shape; nothing was recorded.", errors));
    }

    /**
     * A query parameter of the wrong type or outside its window ({@code asOf=+999999999-12-31}, {@code page=x}):
     * 400 naming the parameter.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        Throwable root = e.getMostSpecificCause();
        String reason = root instanceof IllegalArgumentException || root instanceof java.text.ParseException
                ? String.valueOf(root.getMessage()) : "has the wrong type or form";
        if (reason.length() > 200 || reason.contains("Exception") || reason.contains("org.")
                || reason.contains("java.")) {
            reason = "has the wrong type or form";
        }
        return ResponseEntity.badRequest().body(problem(ProblemType.BAD_REQUEST,
                "A parameter has the wrong type or lies outside its range.", Map.of(name, reason)));
    }

    /** Method validation of {@code @Validated} controllers' parameters ({@code size=101}, {@code page=-1}): 400. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String name = null;
            for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
                name = node.getName();
            }
            errors.putIfAbsent(String.valueOf(name), violation.getMessage());
        }
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(ProblemType.BAD_REQUEST,
                        "A parameter lies outside its range.", errors));
    }

    /**
     * Spring MVC's own validation of a controller's constrained parameters (a controller need not be a
     * {@code @Validated} proxy, which validated every call of every method, constrained or not): 400 naming each
     * parameter, as {@link #constraintViolation} does.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new TreeMap<>();
        for (org.springframework.validation.method.ParameterValidationResult result
                : e.getParameterValidationResults()) {
            org.springframework.core.MethodParameter parameter = result.getMethodParameter();
            org.springframework.web.bind.annotation.RequestParam named =
                    parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
            String name = named != null && !named.name().isEmpty() ? named.name() : parameter.getParameterName();
            for (org.springframework.context.MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.putIfAbsent(String.valueOf(name), error.getDefaultMessage());
            }
        }
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(ProblemType.BAD_REQUEST,
                        "A parameter lies outside its range.", errors));
    }

    /**
     * Spring MVC's own problems (unsupported media type, method not allowed, no such path, ...) get a type under
     * {@code /problems/} instead of {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof org.springframework.web.ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(),
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setType(URI.create("/problems/" + (known == null ? "http-" + status.value()
                    : known.name().toLowerCase().replace('_', '-'))));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (TransientFailures.isTransient(e)) {
            return unavailable(e);
        }
        log.error("unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(ProblemType.INTERNAL,
                "The request could not be completed.", Map.of()));
    }

    /**
     * A failure's answer as a single request would get it, with whether it is provisional ({@link IdempotentReplay}),
     * for an endpoint that answers many items in one response: audit-service's bulk import answers each line with the
     * problem the same report posted alone gets. {@code request} is the streaming request (without its response,
     * which is already committed).
     *
     * @param status      the status the single request would get
     * @param provisional whether the refusal can change with time (a retry is decided afresh)
     */
    public record ItemProblem(int status, ProblemDetail problem, boolean provisional) {
    }

    /** See {@link ItemProblem}. */
    public ItemProblem itemProblem(Exception failure, WebRequest request) {
        request.removeAttribute(IdempotentReplay.PROVISIONAL, RequestAttributes.SCOPE_REQUEST);
        ResponseEntity<?> answer;
        if (failure instanceof Rejected rejected) {
            ProblemDetail problem = rejected(rejected);
            answer = ResponseEntity.status(problem.getStatus()).body(problem);
        } else if (failure instanceof CommandExecutionException command) {
            answer = commandFailed(command);
        } else if (failure instanceof AggregateNotFoundException notFound) {
            answer = ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(notFound));
        } else if (failure instanceof ConstraintViolationException violation) {
            answer = constraintViolation(violation);
        } else {
            try {
                answer = handleException(failure, request);
            } catch (Exception unhandled) {
                answer = unexpected(failure);
            }
            if (answer == null) {
                answer = unexpected(failure);
            }
        }
        boolean provisional = Boolean.TRUE.equals(request.getAttribute(IdempotentReplay.PROVISIONAL,
                RequestAttributes.SCOPE_REQUEST));
        request.removeAttribute(IdempotentReplay.PROVISIONAL, RequestAttributes.SCOPE_REQUEST);
        ProblemDetail problem = answer.getBody() instanceof ProblemDetail detail ? detail
                : problem(HttpStatus.valueOf(answer.getStatusCode().value()), "http-" + answer.getStatusCode().value(),
                "Refused", "The item was not recorded.", Map.of());
        return new ItemProblem(answer.getStatusCode().value(), problem, provisional);
    }

    /** The path of the parser's position, e.g. {@code scores.SRV-01}. */
    private static String path(JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                parts.addFirst(at.getCurrentName());
            } else if (at.inArray()) {
                parts.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** The JSON path of the offending value, e.g. {@code scores.SRV-01} or {@code items[2].name}. */
    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A problem of one of the catalogue's types ({@link ProblemType}: its URI, title and status). */
    public static ProblemDetail problem(ProblemType type, String detail, Map<String, String> errors) {
        return problem(type.status(), type.slug(), type.title(), detail, errors);
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                        Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
