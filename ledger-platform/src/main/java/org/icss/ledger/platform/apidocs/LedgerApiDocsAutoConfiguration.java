package org.icss.ledger.platform.apidocs;

import org.icss.ledger.platform.web.LedgerWebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import java.util.List;

/**
 * Every service's OpenAPI description (springdoc, at {@code springdoc.api-docs.path}: {@code /api-docs/<service>})
 * documents every problem each operation can answer ({@link ProblemDocumentation}): from the handler's shape and
 * {@link Refusals}, and from the security rules and the rate limit of its path.
 */
@AutoConfiguration
@ConditionalOnClass(OperationCustomizer.class)
@EnableConfigurationProperties(LedgerWebProperties.class)
public class LedgerApiDocsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerApiDocsAutoConfiguration.class);
    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("api-docs", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    @Bean
    public OperationCustomizer ledgerProblemsOfHandlers() {
        return (operation, handler) -> {
            ProblemDocumentation.document(operation, ProblemDocumentation.forHandler(handler));
            return operation;
        };
    }

    @Bean
    public GlobalOpenApiCustomizer ledgerProblemsOfPaths(ObjectProvider<WebInvocationPrivilegeEvaluator> evaluators,
                                                         LedgerWebProperties web) {
        List<String> limited = web.rateLimit().enabled() ? web.rateLimit().paths() : List.of();
        return openApi -> {
            ProblemDocumentation.components(openApi);
            WebInvocationPrivilegeEvaluator evaluator = evaluators.getIfAvailable();
            ProblemDocumentation.forEachOperation(openApi, (path, method, operation) ->
                    ProblemDocumentation.document(operation, ProblemDocumentation.forPath(path, method.name(),
                            (concrete, verb) -> anonymousAllowed(evaluator, concrete, verb), limited)));
        };
    }

    /** Whether the security rules let a caller without a key call it (unknown: no, it is documented as keyed). */
    private static boolean anonymousAllowed(WebInvocationPrivilegeEvaluator evaluator, String path, String method) {
        if (evaluator == null) {
            return false;
        }
        try {
            return evaluator.isAllowed(null, path, method, ANONYMOUS);
        } catch (RuntimeException e) {
            log.debug("could not evaluate the access rule of {} {}: {}", method, path, e.getMessage());
            return false;
        }
    }
}
