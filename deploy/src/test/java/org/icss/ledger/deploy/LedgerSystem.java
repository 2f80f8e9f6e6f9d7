package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.audit.AuditServiceApplication;
import org.icss.ledger.awards.AwardsServiceApplication;
import org.icss.ledger.certification.CertificationServiceApplication;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All four services started in this JVM, each with its own fresh database and its own Spring context, on random
 * ports, joined by fresh Kafka topics on the shared test broker. Talks to them only through their HTTP APIs.
 */
final class LedgerSystem implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private LedgerSystem() {
    }

    static LedgerSystem start(LedgerInfrastructure infra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String auditTopic = "icss.audit.events-" + run;
        String certificationTopic = "icss.certification.events-" + run;
        String awardsTopic = "icss.awards.events-" + run;
        infra.createTopics(auditTopic, certificationTopic, awardsTopic);

        LedgerSystem system = new LedgerSystem();
        try {
            system.start("audit-service", AuditServiceApplication.application(), infra, auditTopic, List.of());
            system.start("certification-service", CertificationServiceApplication.application(), infra,
                    certificationTopic, List.of(auditTopic));
            system.start("awards-service", AwardsServiceApplication.application(), infra, awardsTopic, List.of());
            system.start("registry-query", RegistryQueryApplication.application(), infra, "unused-" + run,
                    List.of(auditTopic, certificationTopic, awardsTopic));
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        return system;
    }

    private void start(String name, SpringApplicationBuilder application, LedgerInfrastructure infra,
                       String publishTopic, List<String> consumeTopics) {
        String database = infra.createDatabase("e2e_" + name.replace('-', '_'));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + publishTopic,
                "--spring.main.banner-mode=off"));
        if (!consumeTopics.isEmpty()) {
            args.add("--icss.kafka.consume-topics=" + String.join(",", consumeTopics));
        }
        services.put(name, application.run(args.toArray(String[]::new)));
    }

    String url(String service, String path) {
        int port = ((WebServerApplicationContext) services.get(service)).getWebServer().getPort();
        return "http://127.0.0.1:" + port + path;
    }

    Response post(String service, String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url(service, path)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response get(String service, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(service, path))).GET().build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String contentType, String body) {

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
        List<String> names = new ArrayList<>(services.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            services.get(names.get(i)).close();
        }
        services.clear();
    }
}
