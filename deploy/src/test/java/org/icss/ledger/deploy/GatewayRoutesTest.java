package org.icss.ledger.deploy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One base URL: the compose file's gateway (compose/gateway.conf) and the Kubernetes Ingress (k8s/ingress.yaml) send
 * every path that a controller of a service serves to that service, and no path is served by two services. The
 * controllers are found by scanning each service's package (and the platform's controllers each service serves, by its
 * configuration), so an endpoint added without a route fails here.
 */
class GatewayRoutesTest {

    private static final Path NGINX = Path.of("compose/gateway.conf");
    private static final Path INGRESS = Path.of("k8s/ingress.yaml");
    /** Service, its package and its configuration file. */
    private static final Map<String, String> SERVICES = Map.of(
            "audit-service", "org.icss.ledger.audit",
            "certification-service", "org.icss.ledger.certification",
            "awards-service", "org.icss.ledger.awards",
            "registry-query", "org.icss.ledger.registry");
    private static final String PLATFORM = "org.icss.ledger.platform";
    /** Paths every service serves for itself, not through the one base URL. */
    private static final Predicate<String> NOT_ROUTED = path -> path.equals("/error");

    @Test
    void theGatewaySendsEveryControllerPathToItsService() throws IOException {
        Map<String, String> nginx = nginxRoutes();
        Map<String, String> unrouted = new TreeMap<>();
        for (Map.Entry<String, Set<String>> service : controllerPaths().entrySet()) {
            for (String path : service.getValue()) {
                String routedTo = nginxRoute(nginx, sample(path));
                if (!service.getKey().equals(routedTo)) {
                    unrouted.put(path, service.getKey() + " serves it; the gateway sends it to " + routedTo);
                }
            }
        }
        assertThat(unrouted).as("paths compose/gateway.conf routes to another service").isEmpty();
    }

    @Test
    void theIngressSendsEveryControllerPathToItsService() throws IOException {
        Map<String, String> ingress = ingressRoutes();
        Map<String, String> unrouted = new TreeMap<>();
        for (Map.Entry<String, Set<String>> service : controllerPaths().entrySet()) {
            for (String path : service.getValue()) {
                String routedTo = ingressRoute(ingress, sample(path));
                if (!service.getKey().equals(routedTo)) {
                    unrouted.put(path, service.getKey() + " serves it; the Ingress sends it to " + routedTo);
                }
            }
        }
        assertThat(unrouted).as("paths k8s/ingress.yaml routes to another service").isEmpty();
    }

    @Test
    void theGatewayAndTheIngressHaveOneTable() throws IOException {
        assertThat(ingressRoutes()).isEqualTo(nginxRoutes());
    }

    @Test
    void noPathIsServedByTwoServices() {
        Map<String, Set<String>> servedBy = new TreeMap<>();
        controllerPaths().forEach((service, paths) -> paths.forEach(path ->
                servedBy.computeIfAbsent(path.replaceAll("\\{[^}]*}", "{}"), p -> new LinkedHashSet<>())
                        .add(service)));
        assertThat(servedBy).allSatisfy((path, services) -> assertThat(services).as(path).hasSize(1));
    }

    @Test
    void theRoutesSeeTheControllersAsTheyAre() {
        // the scan itself: a few paths known to exist, and dead letters under each service's own short name
        Map<String, Set<String>> paths = controllerPaths();
        assertThat(paths.get("audit-service")).contains("/api/v1/organisations", "/api/v1/admin/keys",
                "/api/v1/compliance/dead-letters/audit");
        assertThat(paths.get("certification-service")).contains("/api/v1/professionals/{professionalId}",
                "/api/v1/compliance/dead-letters/certification").doesNotContain("/api/v1/admin/keys");
        assertThat(paths.get("awards-service")).contains("/api/v1/awards", "/api/v1/compliance/dead-letters/awards");
        assertThat(paths.get("registry-query")).contains("/api/v1/registry/organisations/{organisationId}",
                "/api/v1/compliance/dead-letters/registry");
    }

    // ------------------------------------------------------------------------------------------- controllers

    /** Each service's controller paths, with its configuration's placeholders resolved. */
    static Map<String, Set<String>> controllerPaths() {
        Map<String, Set<String>> paths = new TreeMap<>();
        SERVICES.forEach((service, pkg) -> {
            StandardEnvironment environment = environment(service);
            Set<String> served = new LinkedHashSet<>();
            for (Class<?> controller : controllers(pkg)) {
                served.addAll(paths(controller, environment));
            }
            for (Class<?> controller : controllers(PLATFORM)) {
                if (servedByEveryService(controller) || administersKeys(controller, environment)) {
                    served.addAll(paths(controller, environment));
                }
            }
            served.removeIf(NOT_ROUTED);
            paths.put(service, served);
        });
        return paths;
    }

    /** The platform's controllers: dead letters on every service, key administration where configured. */
    private static boolean servedByEveryService(Class<?> controller) {
        return controller.getSimpleName().equals("DeadLetterController");
    }

    private static boolean administersKeys(Class<?> controller, StandardEnvironment environment) {
        return controller.getSimpleName().equals("ApiKeyAdminController")
                && environment.getProperty("icss.security.administer-keys", Boolean.class, false);
    }

    private static StandardEnvironment environment(String service) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(service + ".yml"));
        Properties properties = yaml.getObject();
        assertThat(properties).as(service + ".yml").isNotNull();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new PropertiesPropertySource(service, properties));
        return environment;
    }

    private static List<Class<?>> controllers(String pkg) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(org.springframework.stereotype.Controller.class));
        List<Class<?>> controllers = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
            controllers.add(ClassUtils.resolveClassName(candidate.getBeanClassName(),
                    GatewayRoutesTest.class.getClassLoader()));
        }
        controllers.sort(Comparator.comparing(Class::getName));
        return controllers;
    }

    private static Set<String> paths(Class<?> controller, StandardEnvironment environment) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        List<String> prefixes = type == null || type.path().length == 0 ? List.of("") : List.of(type.path());
        Set<String> paths = new LinkedHashSet<>();
        for (Method method : controller.getDeclaredMethods()) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping == null) {
                continue;
            }
            List<String> suffixes = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
            for (String prefix : prefixes) {
                for (String suffix : suffixes) {
                    String path = environment.resolveRequiredPlaceholders(prefix + suffix);
                    paths.add(path.isEmpty() ? "/" : path);
                }
            }
        }
        return paths;
    }

    /** A request path the pattern matches: each variable (and wildcard) an ordinary segment. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{[^}]*}", "x").replace("**", "x").replace("*", "x");
    }

    // ------------------------------------------------------------------------------------------------- routes

    private static final Pattern LOCATION = Pattern.compile(
            "location\\s+(/\\S*)\\s*\\{\\s*set\\s+\\$upstream\\s+http://([a-z-]+):\\d+;\\s*proxy_pass\\s+\\$upstream;");

    /** The gateway's prefix locations: prefix to service. */
    static Map<String, String> nginxRoutes() throws IOException {
        String conf = Files.readString(NGINX);
        Map<String, String> routes = new TreeMap<>();
        Matcher matcher = LOCATION.matcher(conf);
        while (matcher.find()) {
            routes.put(matcher.group(1), matcher.group(2));
        }
        assertThat(conf.split("location\\s", -1)).as("every location block is a prefix routed to a service")
                .hasSize(routes.size() + 1);
        return routes;
    }

    /** nginx: the longest matching prefix location. */
    private static String nginxRoute(Map<String, String> routes, String path) {
        return routes.keySet().stream().filter(path::startsWith).max(Comparator.comparingInt(String::length))
                .map(routes::get).orElse(null);
    }

    /** The Ingress's Prefix paths: path to service. */
    @SuppressWarnings("unchecked")
    static Map<String, String> ingressRoutes() throws IOException {
        Map<String, Object> ingress;
        try (Reader reader = Files.newBufferedReader(INGRESS)) {
            ingress = new Yaml().load(reader);
        }
        assertThat(ingress.get("kind")).isEqualTo("Ingress");
        Map<String, String> routes = new TreeMap<>();
        List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) ingress.get("spec"))
                .get("rules");
        for (Map<String, Object> rule : rules) {
            for (Map<String, Object> path : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("http"))
                    .get("paths")) {
                assertThat(path.get("pathType")).isEqualTo("Prefix");
                Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) path.get("backend"))
                        .get("service");
                routes.put((String) path.get("path"), (String) service.get("name"));
            }
        }
        return routes;
    }

    /** Kubernetes Prefix: element-wise by path segment, the longest match wins. */
    private static String ingressRoute(Map<String, String> routes, String path) {
        Optional<String> longest = routes.keySet().stream()
                .filter(prefix -> prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/"))
                .max(Comparator.comparingInt(String::length));
        return longest.map(routes::get).orElse(null);
    }
}
