package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.audit.AuditServiceApplication;
import org.icss.ledger.awards.AwardsServiceApplication;
import org.icss.ledger.certification.CertificationServiceApplication;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.TestKeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * All four services started in this JVM, each with its own fresh database and its own Spring context, on random
 * ports, joined by fresh Kafka topics on the shared test broker. Talks to them only through their HTTP APIs.
 * <p>
 * API keys: the system makes random keys for each member body, the secretariat, compliance and an admin, and gives
 * every service their hashes at start-up ({@code icss.security.keys}). {@link #post(String, String, Object)} and
 * {@link #get} send the key the request needs: the member body named in a registration, the member body that
 * registered the organisation in the path, the secretariat for awards, the admin for operations and the actuator,
 * compliance for the compliance history. {@link #send(String, String, String, String, Map)} sends whatever a test asks for.
 */
final class LedgerSystem implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ConfigurableApplicationContext> services =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Supplier<SpringApplicationBuilder>> applications = new LinkedHashMap<>();
    private final Map<String, List<String>> arguments = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, TestKeys.Key> keys = new LinkedHashMap<>();
    private final Map<String, String> registeredBy = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final Backing infra;

    /** Where the services' databases and topics live: the shared test infrastructure, or a fault test's own. */
    interface Backing {
        String createDatabase(String prefix);

        String jdbcUrl(String database);

        String username();

        String password();

        String kafkaBootstrapServers();

        void createTopics(String... topics);

        static Backing of(LedgerInfrastructure infra) {
            return new Backing() {
                public String createDatabase(String prefix) {
                    return infra.createDatabase(prefix);
                }

                public String jdbcUrl(String database) {
                    return infra.jdbcUrl(database);
                }

                public String username() {
                    return infra.username();
                }

                public String password() {
                    return infra.password();
                }

                public String kafkaBootstrapServers() {
                    return infra.kafkaBootstrapServers();
                }

                public void createTopics(String... topics) {
                    infra.createTopics(topics);
                }
            };
        }
    }

    private LedgerSystem(Backing infra, Clock clock) {
        this.infra = infra;
        this.clock = clock;
        for (String body : List.of("APCSC", "HKCSC", "CSIA", "HICS", "CSIAU")) {
            keys.put(body, TestKeys.memberBody(body));
        }
        for (String role : List.of("SECRETARIAT", "COMPLIANCE", "ADMIN")) {
            keys.put(role, TestKeys.role(role));
        }
    }

    /** The key of a member body ({@code CSIAU}, ...) or of a role ({@code SECRETARIAT}, {@code COMPLIANCE}, {@code ADMIN}). */
    String key(String owner) {
        return keys.get(owner).key();
    }

    static LedgerSystem start(LedgerInfrastructure infra) {
        return start(infra, Clock.systemUTC());
    }

    /**
     * Starts the four services with {@code clock} as every service's clock (a {@code MutableClock} lets a test
     * live through time). The daily advance is left to the test ({@code POST /api/v1/operations/advance}).
     */
    static LedgerSystem start(LedgerInfrastructure infra, Clock clock) {
        return start(Backing.of(infra), clock);
    }

    /** As {@link #start(LedgerInfrastructure, Clock)}, on the given databases and broker. */
    static LedgerSystem start(Backing infra, Clock clock, String... extraArgs) {
        return start(infra, clock, java.util.Set.of(), extraArgs);
    }

    /**
     * As {@link #start(Backing, Clock, String...)}, with the services named in {@code asProcesses} run as
     * {@link ServiceProcess}es (the packaged jar in a JVM of its own, as {@code deploy/run-local.sh} runs it) instead
     * of in this JVM. Such a service runs on the system clock, so {@code clock} should be it.
     */
    static LedgerSystem start(Backing infra, Clock clock, java.util.Set<String> asProcesses, String... extraArgs) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String auditTopic = "icss.audit.events-" + run;
        String certificationTopic = "icss.certification.events-" + run;
        String awardsTopic = "icss.awards.events-" + run;
        infra.createTopics(auditTopic, certificationTopic, awardsTopic);

        LedgerSystem system = new LedgerSystem(infra, clock);
        system.asProcesses.addAll(asProcesses);
        system.extraArgs.addAll(List.of(extraArgs));
        system.topics.putAll(Map.of("audit-service", auditTopic, "certification-service", certificationTopic,
                "awards-service", awardsTopic));
        // the run's own key topic (created by the services): keys issued at audit-service work on all four
        system.keyTopic = "icss.keys-" + run;
        try {
            system.start("audit-service", AuditServiceApplication::application, infra, auditTopic, List.of());
            system.start("certification-service", CertificationServiceApplication::application, infra,
                    certificationTopic, List.of(auditTopic));
            system.start("awards-service", AwardsServiceApplication::application, infra, awardsTopic,
                    List.of(auditTopic));
            system.start("registry-query", RegistryQueryApplication::application, infra, "unused-" + run,
                    List.of(auditTopic, certificationTopic, awardsTopic));
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    private final List<String> extraArgs = new ArrayList<>();
    private final java.util.Set<String> asProcesses = new java.util.HashSet<>();
    private final Map<String, ServiceProcess> processes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> topics = new LinkedHashMap<>();
    private String keyTopic;

    /** The topic a service publishes to. */
    String topic(String service) {
        return topics.get(service);
    }

    String kafkaBootstrapServers() {
        return infra.kafkaBootstrapServers();
    }

    private void start(String name, Supplier<SpringApplicationBuilder> application, Backing infra,
                       String publishTopic, List<String> consumeTopics) {
        String database = infra.createDatabase("e2e_" + name.replace('-', '_'));
        databases.put(name, database);
        List<String> args = new ArrayList<>(List.of(
                "--icss.schedule.first-advance-after=P1D",
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + publishTopic,
                "--icss.security.key-topic=" + keyTopic,
                "--spring.main.banner-mode=off",
                // the tests poll the registry; the rate limit has its own test
                "--icss.web.rate-limit.capacity=1000000"));
        args.addAll(TestKeys.arguments(List.copyOf(keys.values())));
        if (!consumeTopics.isEmpty()) {
            args.add("--icss.kafka.consume-topics=" + String.join(",", consumeTopics));
        }
        args.addAll(extraArgs);
        applications.put(name, application);
        arguments.put(name, args);
        if (asProcesses.contains(name)) {
            processes.put(name, ServiceProcess.start(name, args));
        } else {
            services.put(name, run(application, args));
        }
    }

    /**
     * {@code kill -9} of a service run as a process ({@link #start(Backing, Clock, java.util.Set, String...)}): no
     * shutdown hook, no draining, requests in flight cut off, transactions left open for PostgreSQL to roll back.
     * Returns once the process is gone; {@link #start(String)} starts it again on the same database and topics.
     */
    void kill(String service) {
        ServiceProcess process = processes.remove(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " does not run as a process");
        }
        process.kill9();
    }

    /** A fresh builder each time: a SpringApplicationBuilder runs once and then returns its first context. */
    private ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> application, List<String> args) {
        return application.get()
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(args.toArray(String[]::new));
    }

    /**
     * Stops one service and starts it again on the same database and topics; {@code extraArgs} ({@code --key=value})
     * replace the start arguments with the same key.
     */
    void restart(String service, String... extraArgs) {
        if (asProcesses.contains(service)) {
            throw new IllegalArgumentException(service + " runs as a process: kill(service) and start(service)");
        }
        services.remove(service).close();
        List<String> args = new ArrayList<>(arguments.get(service));
        for (String extra : extraArgs) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(extra);
        }
        services.put(service, run(applications.get(service), args));
    }

    /**
     * Starts another instance of {@code service} named {@code replica}, on the same database and topics (a second
     * replica); {@code extraArgs} as in {@link #restart}.
     */
    void startReplica(String service, String replica, String... extraArgs) {
        List<String> args = new ArrayList<>(arguments.get(service));
        for (String extra : extraArgs) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(extra);
        }
        applications.put(replica, applications.get(service));
        arguments.put(replica, args);
        databases.put(replica, databases.get(service));
        services.put(replica, run(applications.get(service), args));
    }

    /** Stops one instance (its context closes: graceful shutdown, processors release their segments). */
    void stop(String instance) {
        ConfigurableApplicationContext context = services.remove(instance);
        if (context != null) {
            context.close();
        }
    }

    /** Starts a stopped instance again with its previous arguments. */
    void start(String instance) {
        if (asProcesses.contains(instance)) {
            processes.put(instance, ServiceProcess.start(instance, arguments.get(instance)));
            return;
        }
        services.put(instance, run(applications.get(instance), arguments.get(instance)));
    }

    /** The process id of a service run as a process. */
    long pid(String service) {
        return processes.get(service).pid();
    }

    /** The Spring context of a running instance, for a look at its beans. */
    ConfigurableApplicationContext context(String instance) {
        return services.get(instance);
    }

    /**
     * Waits until certification-service and awards-service know the organisation (their views of audit-service's
     * topic are eventually consistent): employments and awards naming it are accepted from then on.
     */
    void awaitKnown(String organisationId) {
        for (String service : List.of("certification-service", "awards-service")) {
            JdbcTemplate jdbc = database(service);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jdbc.queryForObject("SELECT count(*) FROM known_organisation WHERE organisation_id = ?",
                            Integer.class, organisationId) > 0);
        }
    }

    /**
     * Waits until the registry shows a write, as a client would: its answer's position ({@code ICSS-Position}, the
     * same as the body's {@code position}) asked of {@code GET /api/v1/registry/freshness} with a wait, again while
     * the answer is not caught up (each question holds for at most 10 s). Returns the last answer.
     */
    JsonNode awaitShown(Response written) {
        String position = written.header("ICSS-Position");
        if (position == null) {
            throw new AssertionError("the write answered no ICSS-Position: " + written.status() + " " + written.body());
        }
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(
                () -> get("registry-query", "/api/v1/registry/freshness?position="
                        + java.net.URLEncoder.encode(position, java.nio.charset.StandardCharsets.UTF_8)
                        + "&wait=PT10S").json(),
                answer -> answer.path("caughtUp").asBoolean());
    }

    /** A direct look into a service's own database, for checks the APIs do not answer. */
    JdbcTemplate database(String service) {
        return new JdbcTemplate(new DriverManagerDataSource(infra.jdbcUrl(databases.get(service)), infra.username(),
                infra.password()));
    }

    String url(String service, String path) {
        ServiceProcess process = processes.get(service);
        if (process != null) {
            return "http://127.0.0.1:" + process.port() + path;
        }
        int port = ((WebServerApplicationContext) services.get(service)).getWebServer().getPort();
        return "http://127.0.0.1:" + port + path;
    }

    Response post(String service, String path, Object body) {
        try {
            String json = JSON.writeValueAsString(body);
            Response response = send("POST", service, path, json, keyFor(service, path, body));
            if (response.status() == 201 && service.equals("audit-service") && path.equals("/api/v1/organisations")) {
                registeredBy.put(response.json().path("organisationId").asText(),
                        String.valueOf(((Map<?, ?>) body).get("memberBody")));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response get(String service, String path) {
        return send("GET", service, path, null, keyFor(service, path, null));
    }

    /** A request with the given key (null: none) and headers; {@code body} is sent as is (null: no body). */
    Response send(String method, String service, String path, String body, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        headers.forEach(request::setHeader);
        return send(request.build());
    }

    Response send(String method, String service, String path, String body, String key) {
        return send(method, service, path, body, key, Map.of());
    }

    /** The key a test would use for this request (see the class comment). */
    String keyFor(String service, String path, Object body) {
        if (path.startsWith("/api/v1/compliance/")) {
            return key("COMPLIANCE");
        }
        if (path.startsWith("/api/v1/operations/") || path.startsWith("/api/v1/admin/")
                || path.startsWith("/actuator/")) {
            return key("ADMIN");
        }
        return switch (service) {
            case "awards-service" -> key("SECRETARIAT");
            case "certification-service" -> key("CSIAU");
            case "audit-service" -> {
                if (body instanceof Map<?, ?> map && map.get("memberBody") != null) {
                    yield key(String.valueOf(map.get("memberBody")));
                }
                String[] parts = path.split("/");
                String owner = parts.length > 4 ? registeredBy.get(parts[4]) : null;
                yield owner == null ? key("CSIAU") : key(owner);
            }
            default -> null;
        };
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        Response(int status, String contentType, String body) {
            this(status, contentType, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::close);
        processes.clear();
        List<String> names = new ArrayList<>(services.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            services.get(names.get(i)).close();
        }
        services.clear();
    }
}
