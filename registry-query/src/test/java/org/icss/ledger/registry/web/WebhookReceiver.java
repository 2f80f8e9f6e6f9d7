package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on this machine (the JDK's HTTP server): answers the verification challenge, fails the first
 * {@code failFirst} notifications with 503, can be stopped and started again on the same port, and keeps every
 * notification it accepted, duplicates included, in arrival order.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted request: its Standard Webhooks headers and its body. */
    record Received(String webhookId, String timestamp, String signature, String contentType, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger failuresLeft;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean alwaysFail;
    private volatile boolean echoChallenge = true;
    private volatile java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(0);
    private HttpServer server;
    private final int port;

    WebhookReceiver(int failFirst) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        http.createContext("/", this::handle);
        http.start();
        return http;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode event = JSON.readTree(body);
        String answer = "";
        int status;
        if ("org.icss.webhook.verification".equals(event.path("type").asText())) {
            status = 200;
            answer = echoChallenge ? "{\"challenge\":\"" + event.path("data").path("challenge").asText() + "\"}"
                    : "{\"ok\":true}";
        } else if (!awaitUnhung()) {
            status = 503;
        } else if (alwaysFail || failuresLeft.getAndDecrement() > 0) {
            refused.incrementAndGet();
            status = 503;
            answer = "busy " + "x".repeat(3000);  // longer than the 1 KB the log keeps
        } else {
            synchronized (received) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            status = 200;
            answer = "{\"received\":true}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Holds every notification request unanswered until {@link #answer()} (a receiver that hangs). */
    void hang() {
        hang = new java.util.concurrent.CountDownLatch(1);
    }

    void answer() {
        hang.countDown();
    }

    private boolean awaitUnhung() {
        try {
            hang.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The accepted notifications once each (the first copy of each webhook-id), in arrival order. */
    List<Received> deduplicated() {
        Map<String, Received> first = new LinkedHashMap<>();
        for (Received r : received()) {
            first.putIfAbsent(r.webhookId(), r);
        }
        return new ArrayList<>(first.values());
    }

    int refused() {
        return refused.get();
    }

    void alwaysFail(boolean fail) {
        this.alwaysFail = fail;
    }

    void echoChallenge(boolean echo) {
        this.echoChallenge = echo;
    }

    /** Stops answering: connections are refused until {@link #restart}. */
    synchronized void stop() {
        server.stop(0);
    }

    synchronized void restart() throws IOException {
        server = start(port);
    }

    @Override
    public synchronized void close() {
        hang.countDown();
        server.stop(0);
    }
}
