package org.icss.ledger.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.AntPathMatcher;

import java.util.List;

/**
 * The paths whose endpoint reads its body as a stream ({@code icss.web.streaming-paths}): the body size limit and the
 * Idempotency-Key filter leave these requests to the endpoint, which keeps limits and idempotency of its own.
 */
public final class StreamingPaths {

    private final List<String> patterns;
    private final AntPathMatcher matcher = new AntPathMatcher();

    public StreamingPaths(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return patterns.stream().anyMatch(pattern -> matcher.match(pattern, path));
    }
}
