package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Limits the public lookups ({@code icss.web.rate-limit.paths}) per client IP address: over the limit, 429
 * problem+json with {@code Retry-After} in seconds. The client is the request's remote address; behind a proxy set
 * {@code server.forward-headers-strategy=native} so it is the proxy's {@code X-Forwarded-For}.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBucketLimiter limiter;
    private final List<String> paths;
    private final AntPathMatcher matcher = new AntPathMatcher();

    public RateLimitFilter(TokenBucketLimiter limiter, List<String> paths) {
        this.limiter = limiter;
        this.paths = List.copyOf(paths);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return paths.stream().noneMatch(pattern -> matcher.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TokenBucketLimiter.Decision decision = limiter.tryAcquire(request.getRemoteAddr());
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        ProblemResponses.write(response, ProblemType.RATE_LIMITED,
                "Too many lookups from this address; retry after " + decision.retryAfterSeconds() + " s.");
    }
}
