package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the body of every POST, PUT and PATCH up to {@code icss.web.max-body-size} and answers a larger one 413
 * problem+json before anything parses it. The request goes on with the body in memory ({@link CachedBodyRequest}),
 * which {@link IdempotencyFilter} fingerprints. A streaming path ({@code icss.web.streaming-paths}, the bulk import)
 * is left to its endpoint, which reads the body as it comes and keeps limits of its own.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final StreamingPaths streaming;

    public BodyLimitFilter(long maxBytes, StreamingPaths streaming) {
        this.maxBytes = maxBytes;
        this.streaming = streaming;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                || streaming.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(response);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                body.write(buffer, 0, read);
                if (body.size() > maxBytes) {
                    tooLarge(response);
                    return;
                }
            }
        }
        chain.doFilter(new CachedBodyRequest(request, body.toByteArray()), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        ProblemResponses.write(response, ProblemType.PAYLOAD_TOO_LARGE,
                "The body must not be larger than " + maxBytes + " bytes; nothing was recorded.");
    }
}
