package org.icss.ledger.platform.input;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.icss.ledger.platform.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Query parameters (names and values) of GET, HEAD and DELETE requests under {@link TextPolicy}: a NUL or another
 * control character in {@code q}, {@code country} or any parameter is answered 400 problem+json naming the
 * parameter, before a controller (or PostgreSQL, which cannot store a NUL) sees it. Other methods' parameters are
 * left alone: reading them could consume a form body.
 */
public class QueryTextFilter extends OncePerRequestFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "DELETE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (METHODS.contains(request.getMethod()) && request.getQueryString() != null) {
            Map<String, String> errors = new TreeMap<>();
            request.getParameterMap().forEach((name, values) -> {
                Optional<String> nameProblem = TextPolicy.problem(name);
                if (nameProblem.isPresent()) {
                    errors.put("(parameter name)", nameProblem.get());
                    return;
                }
                for (String value : values) {
                    TextPolicy.problem(value).ifPresent(problem -> errors.putIfAbsent(name, problem));
                }
            });
            if (!errors.isEmpty()) {
                ProblemResponses.write(response, LedgerProblemHandler.problem(ProblemType.BAD_REQUEST,
                        "A query parameter holds characters the ledger does not take.", errors));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
