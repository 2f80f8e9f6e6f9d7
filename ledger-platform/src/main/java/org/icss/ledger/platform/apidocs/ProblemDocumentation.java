package org.icss.ledger.platform.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.icss.ledger.platform.ProblemType;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Every problem an operation can answer, in the service's OpenAPI description: a response per status, its
 * {@code application/problem+json} body (the {@code Problem} schema) and the problem types it can carry, listed in its
 * description and in {@code x-problem-types} (their {@code /problems/<slug>} URIs, from {@link ProblemType}).
 * <ul>
 *   <li>from the operation's shape ({@link #forHandler}): every operation 400 {@code bad-request} (a query parameter
 *   that does not read) and 406; a body 400 {@code malformed}, 413, 415 and 422 {@code validation}; a path variable
 *   404 {@code not-found}; a POST the Idempotency-Key's 400 and 409s; a write 503 {@code overloaded}; and what the
 *   method declares with {@link Refusals};</li>
 *   <li>from the path and method ({@link #forPath}): 401 and 403 where the security rules refuse an anonymous caller,
 *   429 where the rate limit counts.</li>
 * </ul>
 */
public final class ProblemDocumentation {

    public static final String EXTENSION = "x-problem-types";
    public static final String SCHEMA = "Problem";
    public static final String SECURITY_SCHEME = "ApiKey";

    private static final Set<RequestMethod> WRITES = Set.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    private ProblemDocumentation() {
    }

    /** The problems of a handler method's shape and its {@link Refusals}. */
    public static Set<ProblemType> forHandler(HandlerMethod handler) {
        Set<ProblemType> types = new LinkedHashSet<>(List.of(ProblemType.BAD_REQUEST, ProblemType.NOT_ACCEPTABLE));
        boolean body = false;
        boolean pathVariable = false;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            body |= parameter.hasParameterAnnotation(RequestBody.class);
            pathVariable |= parameter.hasParameterAnnotation(PathVariable.class);
        }
        if (body) {
            types.addAll(List.of(ProblemType.MALFORMED, ProblemType.PAYLOAD_TOO_LARGE,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.VALIDATION));
        }
        if (pathVariable) {
            types.add(ProblemType.NOT_FOUND);
        }
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        Set<RequestMethod> methods = mapping == null ? Set.of() : Set.of(mapping.method());
        if (methods.contains(RequestMethod.POST)) {
            types.addAll(List.of(ProblemType.INVALID_IDEMPOTENCY_KEY, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS));
        }
        if (methods.stream().anyMatch(WRITES::contains)) {
            types.add(ProblemType.OVERLOADED);
        }
        Refusals refusals = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Refusals.class);
        if (refusals != null) {
            types.addAll(Arrays.asList(refusals.value()));
        }
        return types;
    }

    /**
     * The problems of where the operation is: {@code anonymousAllowed} tells whether the security rules let a caller
     * without a key through ({@code path} with its variables filled in, the HTTP method); {@code rateLimited} whether
     * the path counts against the rate limit.
     */
    public static Set<ProblemType> forPath(String path, String method, BiPredicate<String, String> anonymousAllowed,
                                           List<String> rateLimitedPaths) {
        Set<ProblemType> types = new LinkedHashSet<>();
        String concrete = path.replaceAll("\\{[^}/]+}", "x");
        if (!anonymousAllowed.test(concrete, method)) {
            types.addAll(List.of(ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN));
        }
        AntPathMatcher matcher = new AntPathMatcher();
        if (rateLimitedPaths.stream().anyMatch(pattern -> matcher.match(pattern, concrete))) {
            types.add(ProblemType.RATE_LIMITED);
        }
        return types;
    }

    /** Adds a response per status of {@code types} to the operation (merged with what it documents already). */
    public static void document(Operation operation, Set<ProblemType> types) {
        if (types.isEmpty()) {
            return;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
        for (ProblemType type : types) {
            byStatus.computeIfAbsent(type.status().value(), s -> new ArrayList<>()).add(type);
        }
        byStatus.forEach((status, ofStatus) -> {
            ApiResponse response = operation.getResponses().computeIfAbsent(String.valueOf(status),
                    s -> new ApiResponse());
            @SuppressWarnings("unchecked")
            List<String> known = response.getExtensions() == null ? null
                    : (List<String>) response.getExtensions().get(EXTENSION);
            Set<String> uris = new LinkedHashSet<>(known == null ? List.of() : known);
            ofStatus.stream().map(type -> type.uri().toString()).forEach(uris::add);
            List<String> sorted = uris.stream().sorted(Comparator.naturalOrder()).toList();
            response.addExtension(EXTENSION, sorted);
            response.setDescription(sorted.stream().map(uri -> "`" + uri + "` (" + titleOf(uri) + ")")
                    .collect(Collectors.joining(", ", "Refused: ", ".")));
            response.setContent(new Content().addMediaType(org.springframework.http.MediaType
                    .APPLICATION_PROBLEM_JSON_VALUE, new MediaType().schema(new Schema<>().$ref(
                    "#/components/schemas/" + SCHEMA))));
        });
        if (types.contains(ProblemType.UNAUTHENTICATED)) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(SECURITY_SCHEME)));
        }
    }

    private static String titleOf(String uri) {
        return Arrays.stream(ProblemType.values()).filter(type -> type.uri().toString().equals(uri))
                .map(ProblemType::title).findFirst().orElse(uri);
    }

    /** The {@code Problem} schema and the API key's security scheme, in the document's components. */
    public static void components(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, new ObjectSchema()
                .description("RFC 9457 problem details; type is one of the ledger's problem types")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/validation")
                        ._enum(Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toList()))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ObjectSchema().additionalProperties(new StringSchema())
                        .description("one message per offending field, attribute or parameter")));
        openApi.getComponents().addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("an API key (also accepted as Authorization: ApiKey <key>)"));
    }

    /** Each operation of the document with its path and method. */
    public static void forEachOperation(OpenAPI openApi, OperationVisitor visitor) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> visitor.visit(path, method, operation)));
    }

    @FunctionalInterface
    public interface OperationVisitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }
}
