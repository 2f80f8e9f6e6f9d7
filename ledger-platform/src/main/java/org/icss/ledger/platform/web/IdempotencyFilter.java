package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.icss.ledger.platform.security.ApiCaller;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code Idempotency-Key} on every POST. The first request with a key claims it in the {@code idempotent_request}
 * table (committed at once, so a concurrent or later request sees it), runs, and its answer (status, content type,
 * Location and body) is stored with the key. Then, for the same client and key:
 * <ul>
 *     <li>the same method, path and body (byte for byte): the stored answer again, with
 *     {@code Idempotent-Replayed: true}, and nothing runs or is recorded again, even after a restart;</li>
 *     <li>anything else: 409 problem+json {@code /problems/idempotency-key-reused};</li>
 *     <li>while the first request still runs: 409 {@code /problems/idempotency-key-in-progress} with Retry-After.</li>
 * </ul>
 * Which answers are kept is {@link IdempotentReplay}'s decision: 2xx and settled refusals (400, 403, 409, 422 of the
 * body, ...) are kept; a refusal that can change with time (404, a provisional {@code Rejected}, 429, 5xx) or an
 * exception releases the key, so a retry with it is decided afresh. The client is the caller's member body (or role): a rotated key keeps its idempotency keys. Keys are kept
 * for {@code icss.web.idempotency.retention}; a key whose first request never finished (a crash) is free again after
 * {@code in-progress-timeout}. Key management ({@code /api/v1/admin/**}) and webhook subscriptions
 * ({@code /api/v1/subscriptions/**}) are left out: their answers carry new keys and secrets,
 * which are never stored. A streaming path ({@code icss.web.streaming-paths}: the bulk import, whose answer is a
 * stream) keeps its own Idempotency-Key, line by line, and is left to its endpoint.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";

    private record Stored(String requestSha256, boolean completed, Integer status, String contentType,
                          String location, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration inProgressTimeout;
    private final StreamingPaths streaming;

    public IdempotencyFilter(JdbcTemplate jdbc, Duration retention, Duration inProgressTimeout,
                             StreamingPaths streaming) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.inProgressTimeout = inProgressTimeout;
        this.streaming = streaming;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/admin/")
                // webhook subscriptions answer with a secret shown once: never stored, never replayed (as keys)
                || request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/subscriptions")
                || streaming.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!isValidKey(key)) {
            ProblemResponses.write(response, ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "An Idempotency-Key is 1 to 200 visible ASCII characters.");
            return;
        }
        CachedBodyRequest cached = request instanceof CachedBodyRequest c ? c
                : new CachedBodyRequest(request, request.getInputStream().readAllBytes());
        String client = ApiCaller.current().map(ApiCaller::client).orElse("anonymous");
        String fingerprint = fingerprint(cached);

        if (!claim(client, key, fingerprint)) {
            answerFromStore(response, client, key, fingerprint);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(cached, captured);
            int status = captured.getStatus();
            boolean provisional = Boolean.TRUE.equals(cached.getAttribute(IdempotentReplay.PROVISIONAL));
            if (IdempotentReplay.of(status, provisional) == IdempotentReplay.Decision.REPLAY) {
                jdbc.update("UPDATE idempotent_request SET completed_at = now(), response_status = ?, "
                                + "content_type = ?, location = ?, response_body = ? "
                                + "WHERE client = ? AND idempotency_key = ?", status, captured.getContentType(),
                        captured.getHeader("Location"), captured.getContentAsByteArray(), client, key);
                kept = true;
            }
        } finally {
            if (!kept) {
                release(client, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /** Whether {@code key} is an Idempotency-Key: 1 to 200 visible ASCII characters. */
    public static boolean isValidKey(String key) {
        return key.matches("[\\x21-\\x7E]{1,200}");
    }

    /** Takes the key: a new one, or one that expired or whose request never finished. */
    private boolean claim(String client, String key, String fingerprint) {
        return jdbc.update("INSERT INTO idempotent_request (client, idempotency_key, request_sha256) VALUES (?, ?, ?) "
                        + "ON CONFLICT (client, idempotency_key) DO UPDATE SET request_sha256 = EXCLUDED.request_sha256, "
                        + "created_at = now(), completed_at = NULL, response_status = NULL, content_type = NULL, "
                        + "location = NULL, response_body = NULL "
                        + "WHERE (idempotent_request.completed_at IS NOT NULL "
                        + "       AND idempotent_request.created_at < now() - make_interval(secs => ?)) "
                        + "   OR (idempotent_request.completed_at IS NULL "
                        + "       AND idempotent_request.created_at < now() - make_interval(secs => ?))",
                client, key, fingerprint, (double) retention.toSeconds(), (double) inProgressTimeout.toSeconds()) == 1;
    }

    private void release(String client, String key) {
        jdbc.update("DELETE FROM idempotent_request WHERE client = ? AND idempotency_key = ? AND completed_at IS NULL",
                client, key);
    }

    private void answerFromStore(HttpServletResponse response, String client, String key, String fingerprint)
            throws IOException {
        List<Stored> rows = jdbc.query("SELECT * FROM idempotent_request WHERE client = ? AND idempotency_key = ?",
                (rs, row) -> new Stored(rs.getString("request_sha256"), rs.getTimestamp("completed_at") != null,
                        (Integer) rs.getObject("response_status"), rs.getString("content_type"),
                        rs.getString("location"), rs.getBytes("response_body")), client, key);
        if (!rows.isEmpty() && !rows.get(0).requestSha256().equals(fingerprint)) {
            ProblemResponses.write(response, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request (method, path or body); nothing was "
                            + "recorded. Use a new key for a new request.");
            return;
        }
        if (rows.isEmpty() || !rows.get(0).completed()) {
            response.setHeader("Retry-After", "1");
            ProblemResponses.write(response, ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry "
                            + "shortly to get its answer.");
            return;
        }
        Stored stored = rows.get(0);
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        String position = positionIn(body);
        if (position != null) {
            // the write's position, as its first answer carried it (the header is always the body's position)
            response.setHeader(org.icss.ledger.platform.positions.EventPositions.HEADER, position);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The {@code position} of a stored JSON answer, if it has one. */
    private static String positionIn(byte[] body) {
        if (body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode position = POSITION_READER.readTree(body).get("position");
            return position != null && position.isTextual() ? position.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper POSITION_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String fingerprint(CachedBodyRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
