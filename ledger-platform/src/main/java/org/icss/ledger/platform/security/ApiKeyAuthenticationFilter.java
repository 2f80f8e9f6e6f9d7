package org.icss.ledger.platform.security;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.icss.ledger.platform.web.ProblemResponses;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Authenticates a request by its API key, given as {@code X-API-Key: <key>} or {@code Authorization: ApiKey <key>}.
 * No key: the request goes on unauthenticated (public reads are allowed; anything else is answered 401 by the
 * authorization rules). A key that is unknown or revoked: 401 at once. A key while the service has not yet read the
 * key topic to its end after start-up: 503. The key is never logged.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";
    private static final String SCHEME = "ApiKey ";

    private final ApiKeyStore keys;
    private final AuthenticationEntryPoint entryPoint;
    private final BooleanSupplier keysCurrent;

    public ApiKeyAuthenticationFilter(ApiKeyStore keys, AuthenticationEntryPoint entryPoint) {
        this(keys, entryPoint, () -> true);
    }

    /**
     * @param keysCurrent whether this service's keys are current (it has read the key topic to where it ended at
     *                    start-up, {@link ApiKeyTopic#caughtUp()}); until then a request with a key is answered 503,
     *                    as a key revoked while the service was down could otherwise still be accepted
     */
    public ApiKeyAuthenticationFilter(ApiKeyStore keys, AuthenticationEntryPoint entryPoint,
                                      BooleanSupplier keysCurrent) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        this.keysCurrent = keysCurrent;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (!keysCurrent.getAsBoolean()) {
            response.setHeader("Retry-After", "5");
            ProblemResponses.write(response, ProblemType.KEYS_NOT_CURRENT,
                    "This service is still reading the key topic after its start; try again in a few seconds.");
            return;
        }
        Optional<ApiCaller> caller = presented.get().isBlank() || presented.get().length() > 200
                ? Optional.empty() : keys.authenticate(presented.get());
        if (caller.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
            return;
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                caller.get(), null, List.of(new SimpleGrantedAuthority(caller.get().role().authority())));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static Optional<String> presentedKey(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null) {
            return Optional.of(header.strip());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of(authorization.substring(SCHEME.length()).strip());
        }
        return Optional.empty();
    }
}
