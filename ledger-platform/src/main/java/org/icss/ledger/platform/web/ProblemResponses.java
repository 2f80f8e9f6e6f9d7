package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.Map;

/**
 * Writes RFC 9457 problem+json straight to a servlet response, for the answers given before a controller is reached
 * (authentication, authorization, body size, Idempotency-Key, rate limit), in the same form as
 * {@link LedgerProblemHandler}'s.
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String type, String title,
                             String detail) throws IOException {
        write(response, LedgerProblemHandler.problem(status, type, title, detail, Map.of()));
    }

    public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        write(response, LedgerProblemHandler.problem(type, detail, Map.of()));
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), problemBody(problem));
        response.flushBuffer();
    }

    /** A problem as the JSON object every answer carries: type, title, status, detail and its properties ({@code errors}). */
    public static Map<String, Object> problemBody(ProblemDetail problem) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
