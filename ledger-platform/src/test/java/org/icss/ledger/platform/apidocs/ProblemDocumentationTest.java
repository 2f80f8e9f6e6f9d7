package org.icss.ledger.platform.apidocs;

import io.swagger.v3.oas.models.Operation;
import org.icss.ledger.platform.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icss.ledger.platform.ProblemType.*;

/** Which problems an operation documents, by its shape, its {@link Refusals} and where it is. */
class ProblemDocumentationTest {

    @SuppressWarnings("unused")
    static class Endpoints {
        @GetMapping("/api/v1/registry/things")
        public String search(@RequestParam String q) {
            return q;
        }

        @GetMapping("/api/v1/things/{id}")
        public String one(@PathVariable String id) {
            return id;
        }

        @PostMapping("/api/v1/things")
        @Refusals(DUPLICATE_AUDIT)
        public String create(@RequestBody String body) {
            return body;
        }

        @DeleteMapping("/api/v1/things/{id}")
        public void erase(@PathVariable String id) {
        }
    }

    private static Set<ProblemType> of(String method) throws Exception {
        Endpoints endpoints = new Endpoints();
        for (var candidate : Endpoints.class.getMethods()) {
            if (candidate.getName().equals(method)) {
                return ProblemDocumentation.forHandler(new HandlerMethod(endpoints, candidate));
            }
        }
        throw new IllegalArgumentException(method);
    }

    @Test
    void theShapeOfAnOperationGivesItsProblems() throws Exception {
        assertThat(of("search")).containsExactlyInAnyOrder(BAD_REQUEST, NOT_ACCEPTABLE);
        assertThat(of("one")).containsExactlyInAnyOrder(BAD_REQUEST, NOT_ACCEPTABLE, NOT_FOUND);
        assertThat(of("create")).containsExactlyInAnyOrder(BAD_REQUEST, NOT_ACCEPTABLE, MALFORMED,
                PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION, INVALID_IDEMPOTENCY_KEY,
                IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS, OVERLOADED, DUPLICATE_AUDIT);
        assertThat(of("erase")).containsExactlyInAnyOrder(BAD_REQUEST, NOT_ACCEPTABLE, NOT_FOUND, OVERLOADED);
    }

    @Test
    void aPathTheRulesKeepFromAnonymousCallersNeedsAKeyAndARateLimitedOneCanBe429() {
        List<String> limited = List.of("/api/v1/registry/**");
        assertThat(ProblemDocumentation.forPath("/api/v1/registry/organisations/{organisationId}", "GET",
                (path, method) -> path.startsWith("/api/v1/registry/"), limited)).containsExactly(RATE_LIMITED);
        assertThat(ProblemDocumentation.forPath("/api/v1/awards", "POST", (path, method) -> false, limited))
                .containsExactly(UNAUTHENTICATED, FORBIDDEN);
        // the rules are asked for the path with its variables filled in
        assertThat(ProblemDocumentation.forPath("/api/v1/things/{id}", "GET",
                (path, method) -> path.equals("/api/v1/things/x") && method.equals("GET"), limited)).isEmpty();
    }

    @Test
    void eachStatusBecomesOneResponseNamingItsProblemTypes() {
        Operation operation = new Operation();

        ProblemDocumentation.document(operation, Set.of(MALFORMED, BAD_REQUEST, DUPLICATE_AUDIT, UNAUTHENTICATED));
        ProblemDocumentation.document(operation, Set.of(IDEMPOTENCY_KEY_REUSED));

        assertThat(operation.getResponses()).containsOnlyKeys("400", "401", "409");
        assertThat(operation.getResponses().get("400").getExtensions().get(ProblemDocumentation.EXTENSION))
                .isEqualTo(List.of("/problems/bad-request", "/problems/malformed"));
        assertThat(operation.getResponses().get("409").getExtensions().get(ProblemDocumentation.EXTENSION))
                .isEqualTo(List.of("/problems/duplicate-audit", "/problems/idempotency-key-reused"));
        assertThat(operation.getResponses().get("409").getDescription()).contains("Audit already recorded");
        assertThat(operation.getResponses().get("401").getContent()).containsKey("application/problem+json");
        assertThat(operation.getSecurity()).hasSize(1);
    }

    @Test
    void everyProblemTypeHasItsOwnUri() {
        assertThat(java.util.Arrays.stream(ProblemType.values()).map(ProblemType::uri).distinct())
                .hasSize(ProblemType.values().length);
    }
}
