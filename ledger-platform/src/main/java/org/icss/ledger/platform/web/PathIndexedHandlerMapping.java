package org.icss.ledger.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring MVC's handler mapping, with the mappings indexed by the literal segments their paths begin with.
 *
 * <p>Spring MVC finds the handler of a path without variables in a hash map, but for a path such as
 * {@code /api/v1/registry/organisations/{id}} it tests every mapping of the application, one by one (methods, params,
 * headers, media types, then the pattern), and it does so twice per request: once for Spring Security's
 * request matchers (the {@code HandlerMappingIntrospector}'s cache) and once in the DispatcherServlet. That was a
 * third of a standing lookup's CPU time. A mapping whose pattern begins with the literal segments
 * {@code api/v1/registry} can only match a path whose first decoded segments are exactly those, so this mapping tests
 * only the mappings whose literal beginning the request path starts with. When exactly one of them matches, it is the
 * handler, as Spring MVC would have found; in every other case (none, several to rank, a CORS pre-flight, patterns
 * this index cannot read) Spring MVC's own lookup decides, so its 404, 405 and 415 answers are unchanged.
 * {@code PathIndexedHandlerMappingTest} compares the two on a table of requests.
 */
public class PathIndexedHandlerMapping extends RequestMappingHandlerMapping {

    private volatile Index index;
    private volatile boolean indexable = true;

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        index = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index current = index();
        if (current == null || CorsUtils.isPreFlightRequest(request)
                || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Candidate found = null;
        RequestMappingInfo match = null;
        for (Candidate candidate : current.candidates(
                ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())) {
            RequestMappingInfo matching = getMatchingMapping(candidate.mapping(), request);
            if (matching != null) {
                if (found != null) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
                found = candidate;
                match = matching;
            }
        }
        if (found == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
        handleMatch(match, lookupPath, request);
        return found.handler();
    }

    private Index index() {
        Index current = index;
        if (current == null && indexable) {
            current = build();
            index = current;
        }
        return current;
    }

    private Index build() {
        if (getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
            indexable = false;
            return null;
        }
        Node root = new Node();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : getHandlerMethods().entrySet()) {
            PathPatternsRequestCondition patterns = entry.getKey().getPathPatternsCondition();
            if (patterns == null) {
                indexable = false;
                return null;
            }
            Candidate candidate = new Candidate(entry.getKey(), entry.getValue());
            for (PathPattern pattern : patterns.getPatterns()) {
                Node node = root;
                for (String segment : literalBeginning(pattern.getPatternString())) {
                    node = node.children.computeIfAbsent(segment, s -> new Node());
                }
                if (!node.here.contains(candidate)) {
                    node.here.add(candidate);
                }
            }
        }
        return new Index(root);
    }

    /**
     * The segments a pattern begins with that match only themselves: up to the first that holds a variable, a
     * wildcard, an escape or nothing.
     */
    static List<String> literalBeginning(String pattern) {
        List<String> literal = new ArrayList<>();
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0
                    || segment.indexOf('?') >= 0 || segment.indexOf('%') >= 0 || segment.indexOf(';') >= 0
                    || segment.indexOf('\\') >= 0) {
                break;
            }
            literal.add(segment);
        }
        return literal;
    }

    private record Candidate(RequestMappingInfo mapping, HandlerMethod handler) {
    }

    private static final class Node {
        private final List<Candidate> here = new ArrayList<>();
        private final Map<String, Node> children = new HashMap<>();
    }

    private record Index(Node root) {

        /** Every mapping whose literal beginning the path starts with. */
        List<Candidate> candidates(PathContainer path) {
            List<Candidate> candidates = new ArrayList<>(root.here);
            Node node = root;
            for (PathContainer.Element element : path.elements()) {
                if (!(element instanceof PathContainer.PathSegment segment)) {
                    continue;
                }
                node = node.children.get(segment.valueToMatch());
                if (node == null) {
                    break;
                }
                candidates.addAll(node.here);
            }
            return candidates;
        }
    }
}
