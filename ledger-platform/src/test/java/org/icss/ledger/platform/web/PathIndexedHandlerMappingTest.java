package org.icss.ledger.platform.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed handler mapping finds what Spring MVC's own finds, for every kind of request: a handler with its path
 * variables and best pattern, or the same refusal (none: 404; 405; 406).
 */
class PathIndexedHandlerMappingTest {

    private static GenericWebApplicationContext context;
    private static RequestMappingHandlerMapping spring;
    private static PathIndexedHandlerMapping indexed;

    @RestController
    @RequestMapping("/api/v1/registry")
    static class Registry {
        @GetMapping("/organisations")
        String search() {
            return "search";
        }

        @GetMapping("/organisations/{id}")
        String standing(@PathVariable String id) {
            return id;
        }

        @GetMapping(value = "/organisations/{id}", params = "signed")
        String signed(@PathVariable String id) {
            return id;
        }

        @GetMapping(value = "/organisations/{id}/mark.svg", produces = "image/svg+xml")
        String mark(@PathVariable String id) {
            return id;
        }

        @GetMapping("/organisations/{id}/timeline")
        String timeline(@PathVariable String id) {
            return id;
        }

        @PostMapping("/organisations/{id}/notes")
        String note(@PathVariable String id) {
            return id;
        }

        @GetMapping("/platinum")
        String platinum() {
            return "platinum";
        }
    }

    @RestController
    static class Operations {
        @GetMapping("/api/v1/{service}/dead-letters")
        String deadLetters(@PathVariable String service) {
            return service;
        }

        @PutMapping("/api/v1/admin/keys/{id}")
        String rotate(@PathVariable String id) {
            return id;
        }

        @GetMapping("/api/v1/admin/keys")
        String keys() {
            return "keys";
        }

        @GetMapping("/static/**")
        String files() {
            return "file";
        }

        @GetMapping("/")
        String home() {
            return "home";
        }

        @GetMapping("/api/v1/admin/{what}")
        String adminThing(@PathVariable String what) {
            return what;
        }
    }

    @BeforeAll
    static void mappings() {
        context = new GenericWebApplicationContext(new MockServletContext());
        context.registerBean(Registry.class);
        context.registerBean(Operations.class);
        context.refresh();
        spring = mapping(new RequestMappingHandlerMapping());
        indexed = mapping(new PathIndexedHandlerMapping());
    }

    private static <M extends RequestMappingHandlerMapping> M mapping(M mapping) {
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @ParameterizedTest(name = "{0} {1} (Accept {2})")
    @CsvSource(nullValues = "-", value = {
            "GET, /api/v1/registry/organisations, -",
            "GET, /api/v1/registry/organisations/abc, -",
            "GET, /api/v1/registry/organisations/abc?signed=true, -",
            "GET, /api/v1/registry/organisations/a%20b, -",
            "GET, /api/v1/registry/organisations/abc/mark.svg, -",
            "GET, /api/v1/registry/organisations/abc/mark.svg, application/json",
            "GET, /api/v1/registry/organisations/abc/timeline, -",
            "GET, /api/v1/registry/organisations/abc/unknown, -",
            "GET, /api/v1/registry/organisations/abc/notes, -",
            "POST, /api/v1/registry/organisations/abc/notes, -",
            "DELETE, /api/v1/registry/organisations/abc, -",
            "GET, /api/v1/registry/platinum, -",
            "GET, /api/v1/registry/Platinum, -",
            "GET, /api/v1/registry, -",
            "GET, /api/v1/%72egistry/organisations/abc, -",
            "GET, /api/v1/audit/dead-letters, -",
            "GET, /api/v1/registry/dead-letters, -",
            "GET, /api/v1/admin/keys, -",
            "GET, /api/v1/admin/keys/k1, -",
            "PUT, /api/v1/admin/keys/k1, -",
            "GET, /api/v1/admin/other, -",
            "GET, /static/a/b/c.css, -",
            "GET, /, -",
            "GET, /nothing/here, -",
            "GET, /api/v1/registry/organisations/, -",
    })
    void findsWhatSpringMvcFinds(String method, String uri, String accept) {
        assertThat(lookup(indexed, method, uri, accept)).isEqualTo(lookup(spring, method, uri, accept));
    }

    @Test
    void theHotPathFindsItsHandlerWithItsVariables() {
        assertThat(lookup(indexed, "GET", "/api/v1/registry/organisations/abc", null))
                .isEqualTo(List.of("standing", "/api/v1/registry/organisations/{id}", "{id=abc}"));
    }

    @Test
    void literalBeginningsStopAtTheFirstSegmentThatIsNotLiteral() {
        assertThat(PathIndexedHandlerMapping.literalBeginning("/api/v1/registry/organisations/{id}/mark.svg"))
                .containsExactly("api", "v1", "registry", "organisations");
        assertThat(PathIndexedHandlerMapping.literalBeginning("/api/v1/{service}/dead-letters"))
                .containsExactly("api", "v1");
        assertThat(PathIndexedHandlerMapping.literalBeginning("/static/**")).containsExactly("static");
        assertThat(PathIndexedHandlerMapping.literalBeginning("/*.css")).isEmpty();
        assertThat(PathIndexedHandlerMapping.literalBeginning("/")).isEmpty();
        assertThat(PathIndexedHandlerMapping.literalBeginning("")).isEmpty();
    }

    /** What a lookup decided: the handler method, best pattern and path variables, or the refusal's type. */
    private static List<String> lookup(RequestMappingHandlerMapping mapping, String method, String uri,
                                       String accept) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (uri.contains("?")) {
            String query = uri.substring(uri.indexOf('?') + 1);
            request.setQueryString(query);
            String[] pair = query.split("=", 2);
            request.addParameter(pair[0], pair.length > 1 ? pair[1] : "");
        }
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return List.of("no handler");
            }
            org.springframework.web.method.HandlerMethod handler =
                    (org.springframework.web.method.HandlerMethod) chain.getHandler();
            return List.of(handler.getMethod().getName(),
                    String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)),
                    String.valueOf(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)));
        } catch (Exception refused) {
            return List.of(refused.getClass().getSimpleName());
        }
    }
}
