package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * (10) Webhook delivery lag: {@code subscribers} subscriptions (COMPLIANCE key) to {@code org.icss.standing.changed}
 * of a set of Gold organisations, each received by a JDK HTTP server in this JVM; standing changes at {@code rate}
 * per second made by publishing suspensions and reinstatements onto the certification topic (each flips an
 * organisation's status today). Lag is measured end to end, from publishing the event to the receiver's arrival,
 * and from the notification's {@code time} (the registry computing the change) to arrival.
 */
final class NotificationBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param endToEnd  event published to notification received, microseconds, every subscriber's copy
     * @param delivery  notification announced (its CloudEvent time) to received, microseconds
     */
    record Result(int subscribers, int rate, int organisations, long changes, long expectedDeliveries,
                  long received, long duplicates, double seconds, Histogram endToEnd, Histogram delivery) {

        double deliveredShare() {
            return expectedDeliveries == 0 ? 0 : (double) Math.min(received, expectedDeliveries) / expectedDeliveries;
        }
    }

    private final Ledger ledger;

    NotificationBench(Ledger ledger) {
        this.ledger = ledger;
    }

    Result run(int subscribers, int rate, Duration load, Duration drainCap) throws Exception {
        BenchConfig config = ledger.config();
        String run = UUID.randomUUID().toString().substring(0, 8);
        int organisations = Math.max(20, rate / 2);  // each organisation changes about every half second or slower
        LocalDate base = LocalDate.now(ZoneOffset.UTC).minusDays(400);
        List<String> ids = new ArrayList<>();
        List<CertificateNumber> numbers = new ArrayList<>();
        try (TopicWriter writer = new TopicWriter(config.kafkaBootstrap())) {
            for (int i = 0; i < organisations; i++) {
                String id = "bench-hook-" + run + "-" + i;
                ids.add(id);
                CertificateNumber number = new CertificateNumber("ICSS-G-2025-" + run.toUpperCase() + "H" + i);
                numbers.add(number);
                writer.send(config.auditTopic(), "Organisation", new OrganisationRegistered(new OrganisationId(id),
                        UUID.randomUUID(), base.minusDays(10), Instant.now(), MemberBody.CSIAU, "Bench hook " + i, "AU"));
                writer.send(config.certificationTopic(), "Certification", new GoldAwarded(new OrganisationId(id),
                        UUID.randomUUID(), base.minusDays(1), Instant.now(), number, StandardVersion.ICSS_2020_2025,
                        base.plusYears(3), "bench-hook-audit-" + i));
            }
            writer.flush();
        }
        awaitGold(ids, drainCap);

        Receivers receivers = new Receivers(subscribers);
        List<String> subscriptions = new ArrayList<>();
        try {
            for (int s = 0; s < subscribers; s++) {
                subscriptions.add(subscribe(receivers.url(s), ids));
            }
            awaitActive(subscriptions, drainCap);

            // the load: change k flips organisation k % n on day base + k / n (each later than its last change)
            Map<String, Instant> published = new ConcurrentHashMap<>();
            long changes = 0;
            long started = System.nanoTime();
            long intervalNanos = 1_000_000_000L / rate;
            try (TopicWriter writer = new TopicWriter(config.kafkaBootstrap())) {
                long end = started + load.toNanos();
                for (long k = 0; System.nanoTime() < end; k++) {
                    long due = started + k * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int i = (int) (k % organisations);
                    long round = k / organisations;
                    LocalDate on = base.plusDays(round);
                    OrganisationId organisation = new OrganisationId(ids.get(i));
                    LedgerEvent change = round % 2 == 0
                            ? new CertificationSuspended(organisation, UUID.randomUUID(), on, Instant.now(),
                            numbers.get(i), CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "bench-" + k)
                            : new CertificationReinstated(organisation, UUID.randomUUID(), on, Instant.now(),
                            numbers.get(i), "bench-" + k);
                    published.put(ids.get(i) + "|" + on, Instant.now());
                    writer.send(config.certificationTopic(), "Certification", change);
                    changes++;
                    if (k % 20 == 0) {
                        writer.flush();  // one event's lag should not include the producer's batching of later ones
                    }
                }
                writer.flush();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long expected = changes * subscribers;
            long cap = System.nanoTime() + drainCap.toNanos();
            while (receivers.received.get() < expected && System.nanoTime() < cap) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            Histogram endToEnd = new Histogram(3_600_000_000L, 3);
            Histogram delivery = new Histogram(3_600_000_000L, 3);
            for (Arrival arrival : receivers.arrivals) {
                Instant sent = published.get(arrival.organisation() + "|" + arrival.businessDate());
                if (sent != null) {
                    endToEnd.recordValue(Math.max(0, Duration.between(sent, arrival.at()).toNanos() / 1000));
                }
                if (arrival.announced() != null) {
                    delivery.recordValue(Math.max(0, Duration.between(arrival.announced(), arrival.at()).toNanos()
                            / 1000));
                }
            }
            return new Result(subscribers, rate, organisations, changes, expected, receivers.received.get(),
                    receivers.duplicates.get(), seconds, endToEnd, delivery);
        } finally {
            for (String id : subscriptions) {
                ledger.trySendJson(HttpRequest.newBuilder(URI.create(config.registryUrl() + "/api/v1/subscriptions/"
                        + id)).timeout(Duration.ofSeconds(30)).header("X-API-Key", config.complianceKey()).DELETE()
                        .build());
            }
            receivers.close();
        }
    }

    private void awaitGold(List<String> ids, Duration cap) throws InterruptedException {
        long end = System.nanoTime() + cap.toNanos();
        for (String id : ids) {
            while (true) {
                JsonNode standing = ledger.trySendJson(ledger.standing(id));
                if (standing != null && "GOLD".equals(standing.path("tier").asText())) {
                    break;
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("organisation " + id + " did not become Gold in the registry "
                            + "within " + cap);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private String subscribe(String target, List<String> organisations) throws IOException {
        String body = JSON.writeValueAsString(Map.of("targetUrl", target,
                "eventTypes", List.of("org.icss.standing.changed"), "organisations", organisations));
        JsonNode created = ledger.sendJson(HttpRequest.newBuilder(URI.create(ledger.config().registryUrl()
                        + "/api/v1/subscriptions")).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", ledger.config().complianceKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return created.path("subscription").path("id").asText();
    }

    private void awaitActive(List<String> subscriptions, Duration cap) throws InterruptedException {
        long end = System.nanoTime() + cap.toNanos();
        for (String id : subscriptions) {
            while (!"ACTIVE".equals(ledger.sendJson(HttpRequest.newBuilder(URI.create(ledger.config().registryUrl()
                            + "/api/v1/subscriptions/" + id)).timeout(Duration.ofSeconds(30))
                    .header("X-API-Key", ledger.config().complianceKey()).GET().build()).path("state").asText())) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("subscription " + id + " was not verified within " + cap);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private record Arrival(String organisation, String businessDate, Instant announced, Instant at) {
    }

    /** One JDK HTTP server, a path per subscriber; answers challenges and counts notifications once per webhook-id. */
    private static final class Receivers implements AutoCloseable {

        final HttpServer server;
        final ExecutorService executor = Executors.newFixedThreadPool(8);
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final java.util.Queue<Arrival> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();

        Receivers(int subscribers) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            for (int s = 0; s < subscribers; s++) {
                String path = "/s" + s;
                server.createContext(path, exchange -> handle(path, exchange));
            }
            server.setExecutor(executor);
            server.start();
        }

        String url(int subscriber) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/s" + subscriber;
        }

        private void handle(String path, HttpExchange exchange) throws IOException {
            Instant at = Instant.now();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode event = JSON.readTree(body);
            String answer = "";
            if ("org.icss.webhook.verification".equals(event.path("type").asText())) {
                answer = "{\"challenge\":\"" + event.path("data").path("challenge").asText() + "\"}";
            } else if (seen.add(path + " " + exchange.getRequestHeaders().getFirst("webhook-id"))) {
                received.incrementAndGet();
                String time = event.path("time").asText(null);
                arrivals.add(new Arrival(event.path("subject").asText(), event.path("data").path("businessDate")
                        .asText(), time == null ? null : java.time.OffsetDateTime.parse(time).toInstant(), at));
            } else {
                duplicates.incrementAndGet();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
