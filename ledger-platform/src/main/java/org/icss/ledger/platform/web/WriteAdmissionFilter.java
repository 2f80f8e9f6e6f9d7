package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure on writes: at most {@code maxConcurrent} write requests (POST, PUT, PATCH, DELETE under
 * {@code /api/}) are worked on at once; one that finds no room within {@code admissionWait} is answered 503
 * problem+json with {@code Retry-After} at once, instead of queueing behind the database's connection pool until the
 * client times out. A refused write recorded nothing, so the client may repeat it (with its Idempotency-Key).
 */
public class WriteAdmissionFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Semaphore permits;
    private final long admissionWaitNanos;
    private final long retryAfterSeconds;

    public WriteAdmissionFilter(int maxConcurrent, Duration admissionWait, Duration retryAfter) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.admissionWaitNanos = admissionWait.toNanos();
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !WRITES.contains(request.getMethod()) || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(admissionWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            ProblemResponses.write(response, ProblemType.OVERLOADED,
                    "The service is working on as many writes as it can; nothing was recorded. Retry after "
                            + retryAfterSeconds + " s (with the same Idempotency-Key).");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
