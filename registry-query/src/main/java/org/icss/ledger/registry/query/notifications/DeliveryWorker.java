package org.icss.ledger.registry.query.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends what the outbox holds: its own threads (never the projection's), state only in PostgreSQL, so pending
 * deliveries survive a restart of the service as well as of the receiver.
 * <ul>
 *     <li><b>At least once, in order per organisation:</b> of each subscription's pending deliveries for one
 *     organisation only the oldest is sent; a claim pushes its {@code next_attempt_at} past a lease
 *     ({@code UPDATE ... WHERE next_attempt_at <= now()}, so two replicas never claim the same one), and a replica that
 *     dies mid-send leaves it to be claimed again when the lease runs out.</li>
 *     <li><b>A slow or dead receiver delays only itself:</b> each request has connect and request time-outs, and a
 *     subscription has at most {@code perSubscription} requests in flight on a replica, so it cannot take the other
 *     subscriptions' threads; its organisations wait behind their own heads only.</li>
 *     <li><b>Back-off:</b> {@link DeliveryRetryPolicy}; past {@code failingAfter} the subscription is FAILING (its owner
 *     sees it) and attempts go on; a delivery makes it ACTIVE again.</li>
 *     <li><b>Verification:</b> a new subscription gets nothing but the verification request until the receiver has
 *     echoed its challenge.</li>
 *     <li><b>SSRF:</b> the target is checked by {@link TargetGuard} again before every request; redirects are not
 *     followed.</li>
 * </ul>
 * Metrics: {@code icss.notifications.deliveries} (outcome delivered/failed), {@code icss.notifications.lag} (from the
 * outbox write to the receiver's 2xx; p50, p99), {@code icss.notifications.pending} (pending deliveries).
 */
public class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** What the log keeps of a receiver's answer. */
    static final int RESPONSE_BODY_BYTES = 1024;

    /**
     * @param senders         threads sending requests on this replica
     * @param perSubscription requests in flight to one subscription at most, on this replica
     * @param pollInterval    how often due deliveries are looked for when the last look found none
     * @param lease           how long a claimed delivery is left to its replica before another may send it
     * @param connectTimeout  connecting to a receiver
     * @param requestTimeout  a receiver's whole answer
     */
    public record Settings(int senders, int perSubscription, Duration pollInterval, Duration lease,
                           Duration connectTimeout, Duration requestTimeout, DeliveryRetryPolicy.Schedule schedule) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Subscriptions subscriptions;
    private final NotificationMessages messages;
    private final TargetGuard guard;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    /** Claimed deliveries per sender thread, sent or waiting their turn (see {@link #claimAndSend}). */
    static final int QUEUED_PER_SENDER = 4;

    private final ExecutorService senders;
    private final ScheduledExecutorService poller;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Counter delivered;
    private final Counter failed;
    private final Timer lag;

    /**
     * @param clock the real time of {@code webhook-timestamp} (receivers compare it with their own clocks, so it is
     *              never a business clock); retries and leases are scheduled by PostgreSQL's {@code now()}
     */
    public DeliveryWorker(JdbcTemplate jdbc, PlatformTransactionManager transactions, Subscriptions subscriptions,
                          NotificationMessages messages, TargetGuard guard, Settings settings, Clock clock,
                          MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.subscriptions = subscriptions;
        this.messages = messages;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        this.senders = Executors.newFixedThreadPool(settings.senders(), daemon("notifications-send"));
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("notifications-poll"));
        // the client's own executor: its internal tasks must not wait for a sender thread blocked in send()
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.delivered = Counter.builder("icss.notifications.deliveries").tag("outcome", "delivered")
                .description("webhook deliveries a receiver accepted").register(meters);
        this.failed = Counter.builder("icss.notifications.deliveries").tag("outcome", "failed")
                .description("webhook attempts that failed (to be tried again)").register(meters);
        this.lag = Timer.builder("icss.notifications.lag").publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram().description("from a notification's outbox write to its delivery")
                .register(meters);
        Gauge.builder("icss.notifications.pending", this, DeliveryWorker::pending)
                .description("webhook deliveries not delivered yet").register(meters);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts polling. */
    public DeliveryWorker start() {
        poller.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    private double pending() {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM notification_delivery WHERE state = 'PENDING'",
                    Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void poll() {
        int claimed = 0;
        try {
            claimed = claimAndSend();
        } catch (RuntimeException e) {
            log.warn("looking for webhook deliveries failed; trying again", e);
        } finally {
            if (!poller.isShutdown()) {
                // a look that found work looks again as soon as a sender is free; one that found none waits
                long next = claimed > 0 ? 5 : settings.pollInterval().toMillis();
                poller.schedule(this::poll, next, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Claims what the senders can take: up to {@link #QUEUED_PER_SENDER} deliveries per sender thread in flight or
     * queued, so that one claim (a look over every pending delivery for the heads of their organisations) feeds many
     * requests rather than as many as there are idle threads; a queued claim is well within its lease.
     */
    private int claimAndSend() {
        int free = settings.senders() * QUEUED_PER_SENDER - busy.get();
        if (free <= 0) {
            return 0;
        }
        int claimed = 0;
        for (Verification verification : claimVerifications(free)) {
            claimed++;
            submit(verification.subscriptionId(), () -> verify(verification));
        }
        free = settings.senders() * QUEUED_PER_SENDER - busy.get();
        if (free <= 0) {
            return claimed;
        }
        for (Claim claim : claimDeliveries(free)) {
            claimed++;
            submit(claim.subscriptionId(), () -> deliver(claim));
        }
        return claimed;
    }

    private void submit(UUID subscription, Runnable work) {
        busy.incrementAndGet();
        inFlight.computeIfAbsent(subscription, k -> new AtomicInteger()).incrementAndGet();
        senders.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("a webhook request to subscription {} failed unexpectedly; its lease runs out and it is "
                        + "tried again", subscription, e);
            } finally {
                inFlight.computeIfPresent(subscription, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
                busy.decrementAndGet();
            }
        });
    }

    private record Verification(UUID subscriptionId, String targetUrl, String challenge, int attempts) {
    }

    private List<Verification> claimVerifications(int limit) {
        return jdbc.query("UPDATE notification_subscription s SET next_verification_at = now() + ? * interval "
                        + "'1 millisecond' FROM (SELECT subscription_id FROM notification_subscription "
                        + "WHERE state = 'PENDING_VERIFICATION' AND next_verification_at <= now() "
                        + "ORDER BY next_verification_at LIMIT ? FOR UPDATE SKIP LOCKED) c "
                        + "WHERE s.subscription_id = c.subscription_id "
                        + "RETURNING s.subscription_id, s.target_url, s.challenge, s.verify_attempts",
                (rs, i) -> new Verification(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4)),
                settings.lease().toMillis(), limit);
    }

    private record Claim(long deliveryId, UUID subscriptionId, String subscriptionState, String targetUrl,
                         UUID eventId, String type, String organisationId, Instant occurredAt, Instant writtenAt,
                         LocalDate businessDate, String data, int attempts) {
    }

    /**
     * Claims due deliveries at the head of their (subscription, organisation), at most as many per subscription as it
     * may still have in flight on this replica.
     */
    private List<Claim> claimDeliveries(int limit) {
        Map<UUID, Integer> room = new HashMap<>();
        inFlight.forEach((subscription, count) -> room.put(subscription,
                Math.max(0, settings.perSubscription() - count.get())));
        return jdbc.query(con -> {
            var statement = con.prepareStatement("WITH heads AS (SELECT DISTINCT ON (p.subscription_id, "
                    + "p.organisation_id) p.delivery_id, p.subscription_id, p.next_attempt_at "
                    + "FROM notification_delivery p WHERE p.state = 'PENDING' "
                    + "ORDER BY p.subscription_id, p.organisation_id, p.delivery_id), "
                    + "due AS (SELECT h.delivery_id, h.next_attempt_at, row_number() OVER (PARTITION BY "
                    + "h.subscription_id ORDER BY h.next_attempt_at, h.delivery_id) AS n, "
                    + "coalesce(r.room, ?) AS room FROM heads h "
                    + "JOIN notification_subscription s ON s.subscription_id = h.subscription_id "
                    + "AND s.state IN ('ACTIVE', 'FAILING') "
                    + "LEFT JOIN unnest(?::uuid[], ?::int[]) AS r (subscription_id, room) "
                    + "ON r.subscription_id = h.subscription_id WHERE h.next_attempt_at <= now()), "
                    + "chosen AS (SELECT delivery_id FROM due WHERE n <= room ORDER BY next_attempt_at LIMIT ?), "
                    + "claimed AS (UPDATE notification_delivery d SET next_attempt_at = now() + ? * interval "
                    + "'1 millisecond' FROM chosen c WHERE d.delivery_id = c.delivery_id AND d.state = 'PENDING' "
                    + "AND d.next_attempt_at <= now() RETURNING d.delivery_id, d.subscription_id, d.event_seq, "
                    + "d.attempts) "
                    + "SELECT c.delivery_id, c.subscription_id, s.state, s.target_url, e.event_id, e.event_type, "
                    + "e.organisation_id, e.occurred_at, e.written_at, e.business_date, "
                    + "CASE WHEN s.audience = 'PUBLIC' THEN e.public_data ELSE e.full_data END::text AS data, "
                    + "c.attempts FROM claimed c "
                    + "JOIN notification_subscription s ON s.subscription_id = c.subscription_id "
                    + "JOIN notification_event e ON e.event_seq = c.event_seq");
            statement.setInt(1, settings.perSubscription());
            statement.setArray(2, con.createArrayOf("uuid", room.keySet().toArray()));
            statement.setArray(3, con.createArrayOf("integer", room.values().toArray()));
            statement.setInt(4, limit);
            statement.setLong(5, settings.lease().toMillis());
            return statement;
        }, (rs, i) -> new Claim(rs.getLong("delivery_id"), rs.getObject("subscription_id", UUID.class),
                rs.getString("state"), rs.getString("target_url"), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getString("organisation_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("written_at").toInstant(),
                rs.getDate("business_date").toLocalDate(), rs.getString("data"), rs.getInt("attempts")));
    }

    /** The {@code webhook-id} of a notification for a subscription: the same on every attempt and redelivery. */
    public static String webhookId(UUID subscriptionId, UUID eventId) {
        return "msg_" + UUID.nameUUIDFromBytes((subscriptionId + ":" + eventId).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    private void deliver(Claim claim) {
        String webhookId = webhookId(claim.subscriptionId(), claim.eventId());
        byte[] body = messages.notification(claim.eventId(), claim.type(), claim.organisationId(),
                claim.occurredAt(), claim.businessDate(), claim.data());
        Answer answer = send(claim.subscriptionId(), claim.targetUrl(), webhookId, body);
        boolean ok = answer.status() != null
                && DeliveryRetryPolicy.outcome(answer.status()) == DeliveryRetryPolicy.Outcome.DELIVERED;
        // three statements per attempt: the delivery (which also gives PostgreSQL's time), the subscription only
        // when its state changes, the log
        Instant now = transaction.execute(status -> {
            Instant dbNow;
            if (ok) {
                dbNow = jdbc.query("UPDATE notification_delivery SET state = 'DELIVERED', attempts = attempts + 1, "
                        + "delivered_at = now() WHERE delivery_id = ? AND state = 'PENDING' RETURNING now()",
                        rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null, claim.deliveryId());
                if ("FAILING".equals(claim.subscriptionState())) {
                    jdbc.update("UPDATE notification_subscription SET state = 'ACTIVE', failing_since = NULL "
                            + "WHERE subscription_id = ? AND state = 'FAILING'", claim.subscriptionId());
                }
            } else {
                int failures = claim.attempts() + 1;
                Duration delay = DeliveryRetryPolicy.delayAfter(failures, ThreadLocalRandom.current().nextDouble(),
                        settings.schedule());
                Instant[] times = jdbc.query("UPDATE notification_delivery SET attempts = ?, "
                                + "first_failed_at = coalesce(first_failed_at, now()), "
                                + "next_attempt_at = now() + ? * interval '1 millisecond' "
                                + "WHERE delivery_id = ? AND state = 'PENDING' RETURNING first_failed_at, now()",
                        rs -> rs.next() ? new Instant[]{rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}
                                : null, failures, delay.toMillis(), claim.deliveryId());
                dbNow = times == null ? null : times[1];
                if (times != null && "ACTIVE".equals(claim.subscriptionState())
                        && DeliveryRetryPolicy.failing(times[0], times[1], settings.schedule())) {
                    jdbc.update("UPDATE notification_subscription SET state = 'FAILING', failing_since = ? "
                            + "WHERE subscription_id = ? AND state = 'ACTIVE'", Timestamp.from(times[1]),
                            claim.subscriptionId());
                }
            }
            record(claim.subscriptionId(), claim.deliveryId(), claim.eventId(), webhookId, answer,
                    ok ? "DELIVERED" : answer.refused() ? "REFUSED" : "FAILED");
            return dbNow;
        });
        if (ok) {
            delivered.increment();
            if (now != null) {
                lag.record(Duration.between(claim.writtenAt(), now).abs());
            }
        } else {
            failed.increment();
        }
    }

    private void verify(Verification verification) {
        String webhookId = "msg_verify_" + verification.subscriptionId().toString().replace("-", "");
        byte[] body = messages.verification(verification.subscriptionId(), verification.challenge(),
                clock.instant());
        Answer answer = send(verification.subscriptionId(), verification.targetUrl(), webhookId, body);
        boolean echoed = answer.status() != null
                && DeliveryRetryPolicy.outcome(answer.status()) == DeliveryRetryPolicy.Outcome.DELIVERED
                && answer.body() != null && answer.body().contains(verification.challenge());
        transaction.executeWithoutResult(status -> {
            Instant now = databaseNow();
            if (echoed) {
                jdbc.update("UPDATE notification_subscription SET state = 'ACTIVE', verified_at = ? "
                        + "WHERE subscription_id = ? AND state = 'PENDING_VERIFICATION'", Timestamp.from(now),
                        verification.subscriptionId());
            } else {
                int failures = verification.attempts() + 1;
                Duration delay = DeliveryRetryPolicy.delayAfter(failures, ThreadLocalRandom.current().nextDouble(),
                        settings.schedule());
                jdbc.update("UPDATE notification_subscription SET verify_attempts = ?, next_verification_at = ? "
                                + "WHERE subscription_id = ? AND state = 'PENDING_VERIFICATION'", failures,
                        Timestamp.from(now.plus(delay)), verification.subscriptionId());
            }
            record(verification.subscriptionId(), null, null, webhookId, answer,
                    echoed ? "VERIFIED" : answer.refused() ? "REFUSED" : "FAILED");
        });
    }

    /**
     * What a receiver answered: its status, at most {@link #RESPONSE_BODY_BYTES} of its body, how long it took; or why
     * there was no answer.
     */
    private record Answer(Integer status, String body, String error, long latencyMillis, Instant at,
                          boolean refused) {
    }

    private Answer send(UUID subscriptionId, String targetUrl, String webhookId, byte[] body) {
        Instant at = clock.instant();
        Optional<String> refusal = guard.refusal(targetUrl);
        if (refusal.isPresent()) {
            return new Answer(null, null, "target " + refusal.get(), 0, at, true);
        }
        long timestamp = at.getEpochSecond();
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(targetUrl)).timeout(settings.requestTimeout())
                    .header("Content-Type", NotificationMessages.CONTENT_TYPE)
                    .header("User-Agent", "ICSS-Ledger-Webhooks/1")
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(
                            subscriptions.signingSecrets(subscriptionId), webhookId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answerBody;
            try (InputStream in = response.body()) {
                answerBody = truncated(in.readNBytes(RESPONSE_BODY_BYTES));
            }
            return new Answer(response.statusCode(), answerBody, null, millisSince(started), at, false);
        } catch (IOException e) {
            return new Answer(null, null, describe(e), millisSince(started), at, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted", millisSince(started), at, false);
        } catch (IllegalArgumentException e) {
            return new Answer(null, null, "bad target: " + e.getMessage(), millisSince(started), at, true);
        }
    }

    private Instant databaseNow() {
        return jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(IOException e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    /**
     * At most 1 KB of a body, as text: cut at the last whole UTF-8 character; anything that is not text (or has NUL or
     * control characters PostgreSQL or a log viewer would choke on) is replaced.
     */
    static String truncated(byte[] bytes) {
        int end = bytes.length;
        if (end == RESPONSE_BODY_BYTES) {
            // step back over a character cut in the middle
            int i = end - 1;
            int continuation = 0;
            while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
                i--;
                continuation++;
            }
            if (i >= 0) {
                int lead = bytes[i] & 0xff;
                int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (length > continuation + 1) {
                    end = i;
                }
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            text = "";
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(c == '\n' || c == '\r' || c == '\t'
                || !Character.isISOControl(c) ? c : 0xFFFD));
        return clean.toString();
    }

    private void record(UUID subscriptionId, Long deliveryId, UUID eventId, String webhookId, Answer answer,
                        String outcome) {
        jdbc.update("INSERT INTO notification_attempt (subscription_id, delivery_id, event_id, webhook_id, "
                        + "attempted_at, status_code, error, latency_ms, response_body, outcome) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", subscriptionId, deliveryId, eventId, webhookId,
                Timestamp.from(answer.at()), answer.status(), answer.error(), answer.latencyMillis(), answer.body(),
                outcome);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        senders.shutdownNow();
    }
}
