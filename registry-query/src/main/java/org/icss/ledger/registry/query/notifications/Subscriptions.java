package org.icss.ledger.registry.query.notifications;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions and their delivery log ({@code notification_subscription}, {@code notification_attempt}):
 * created with a secret shown once and kept encrypted ({@link SecretBox}), listed and read by their owner, deleted
 * (pending deliveries cancelled), their secret rotated (the previous one keeps signing for an overlap), and their
 * notifications delivered again from a date.
 */
public class Subscriptions {

    public enum Audience { FULL, PUBLIC }

    public enum State { PENDING_VERIFICATION, ACTIVE, FAILING, DELETED }

    /**
     * @param owner            whose it is: {@code member-body:<body>}, {@code role:COMPLIANCE} or {@code key:<key id>}
     * @param allOrganisations every organisation (of {@code memberBody} when it is set); else {@code organisations}
     */
    public record NewSubscription(String owner, Audience audience, boolean allOrganisations, String memberBody,
                                  List<String> organisations, List<String> eventTypes, String targetUrl) {
    }

    /** A subscription as its owner sees it (never its secret). */
    public record Subscription(UUID id, String owner, Audience audience, boolean allOrganisations, String memberBody,
                               List<String> organisations, List<String> eventTypes, String targetUrl, State state,
                               Instant createdAt, Instant verifiedAt, Instant failingSince, long pending,
                               Instant previousSecretValidUntil) {
    }

    /** A new subscription and its secret, shown this once. */
    public record Created(Subscription subscription, String secret) {
    }

    /** One attempt of the delivery log. */
    public record Attempt(long attemptId, Long deliveryId, UUID eventId, String webhookId, Instant attemptedAt,
                          Integer statusCode, String error, long latencyMillis, String responseBody, String outcome) {
    }

    private static final String COLUMNS = "s.subscription_id, s.owner, s.audience, s.all_organisations, "
            + "s.member_body, s.organisations, s.event_types, s.target_url, s.state, s.created_at, s.verified_at, "
            + "s.failing_since, s.previous_secret_until, (SELECT count(*) FROM notification_delivery d "
            + "WHERE d.subscription_id = s.subscription_id AND d.state = 'PENDING') AS pending";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SecretBox secrets;
    private final SecureRandom random;
    private final Clock clock;

    public Subscriptions(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretBox secrets,
                         SecureRandom random, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    public Created create(NewSubscription request) {
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret(random);
        byte[] challenge = new byte[24];
        random.nextBytes(challenge);
        jdbc.update(con -> {
            var statement = con.prepareStatement("INSERT INTO notification_subscription (subscription_id, owner, "
                    + "audience, all_organisations, member_body, organisations, event_types, target_url, secret, "
                    + "state, challenge, created_at, next_verification_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING_VERIFICATION', ?, ?, ?)");
            Timestamp now = Timestamp.from(clock.instant());
            statement.setObject(1, id);
            statement.setString(2, request.owner());
            statement.setString(3, request.audience().name());
            statement.setBoolean(4, request.allOrganisations());
            statement.setString(5, request.memberBody());
            statement.setArray(6, con.createArrayOf("varchar", request.organisations().toArray()));
            statement.setArray(7, con.createArrayOf("varchar", request.eventTypes().toArray()));
            statement.setString(8, request.targetUrl());
            statement.setBytes(9, secrets.seal(id, secret));
            statement.setString(10, Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
            statement.setTimestamp(11, now);
            statement.setTimestamp(12, now);
            return statement;
        });
        return new Created(find(id).orElseThrow(), secret);
    }

    public Optional<Subscription> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_subscription s WHERE s.subscription_id = ? "
                + "AND s.state <> 'DELETED'", ROW, id).stream().findFirst();
    }

    public List<Subscription> owned(String owner) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_subscription s WHERE s.owner = ? "
                + "AND s.state <> 'DELETED' ORDER BY s.created_at, s.subscription_id", ROW, owner);
    }

    /** Deletes a subscription: nothing more is sent to it, its pending deliveries are cancelled, its log stays. */
    public void delete(UUID id) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE notification_subscription SET state = 'DELETED', deleted_at = ? "
                    + "WHERE subscription_id = ? AND state <> 'DELETED'", Timestamp.from(clock.instant()), id);
            jdbc.update("UPDATE notification_delivery SET state = 'CANCELLED' WHERE subscription_id = ? "
                    + "AND state = 'PENDING'", id);
        });
    }

    /**
     * A new secret, shown this once; the one it replaces still signs every delivery beside it for {@code overlap},
     * so a receiver can switch without losing a message.
     */
    public String rotate(UUID id, Duration overlap) {
        String secret = WebhookSignature.newSecret(random);
        Instant now = clock.instant();
        int rows = jdbc.update("UPDATE notification_subscription SET previous_secret = secret, "
                        + "previous_secret_until = ?, secret = ? WHERE subscription_id = ? AND state <> 'DELETED'",
                Timestamp.from(now.plus(overlap)), secrets.seal(id, secret), id);
        if (rows == 0) {
            throw new IllegalStateException("no subscription " + id);
        }
        return secret;
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(UUID id) {
        List<String> live = new ArrayList<>();
        jdbc.query("SELECT secret, previous_secret, previous_secret_until FROM notification_subscription "
                + "WHERE subscription_id = ?", rs -> {
            live.add(secrets.open(id, rs.getBytes("secret")));
            Timestamp until = rs.getTimestamp("previous_secret_until");
            byte[] previous = rs.getBytes("previous_secret");
            if (previous != null && until != null && until.toInstant().isAfter(clock.instant())) {
                live.add(secrets.open(id, previous));
            }
        }, id);
        return live;
    }

    /**
     * Delivers again every notification for this subscription announced on or after {@code from} (UTC), in their
     * order, after whatever is still pending; each keeps its {@code webhook-id}, so a receiver that has it already can
     * tell. Returns how many were queued.
     */
    public int redeliver(UUID id, LocalDate from) {
        return jdbc.update("INSERT INTO notification_delivery (subscription_id, event_seq, organisation_id) "
                + "SELECT s.subscription_id, e.event_seq, e.organisation_id FROM notification_event e "
                + "JOIN notification_subscription s ON s.subscription_id = ? AND s.state <> 'DELETED' "
                + "AND e.event_type = ANY (s.event_types) "
                + "AND (s.all_organisations AND (s.member_body IS NULL OR s.member_body = e.member_body) "
                + "OR e.organisation_id = ANY (s.organisations)) "
                + "WHERE e.written_at >= ? ORDER BY e.event_seq", id,
                Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** The newest attempts first, {@code limit} of them, older than {@code before} when given. */
    public List<Attempt> log(UUID id, Long before, int limit) {
        return jdbc.query("SELECT attempt_id, delivery_id, event_id, webhook_id, attempted_at, status_code, error, "
                        + "latency_ms, response_body, outcome FROM notification_attempt WHERE subscription_id = ? "
                        + "AND attempt_id < ? ORDER BY attempt_id DESC LIMIT ?",
                (rs, i) -> new Attempt(rs.getLong("attempt_id"), (Long) rs.getObject("delivery_id"),
                        rs.getObject("event_id", UUID.class), rs.getString("webhook_id"),
                        rs.getTimestamp("attempted_at").toInstant(), (Integer) rs.getObject("status_code"),
                        rs.getString("error"), rs.getLong("latency_ms"), rs.getString("response_body"),
                        rs.getString("outcome")),
                id, before == null ? Long.MAX_VALUE : before, limit);
    }

    private static final RowMapper<Subscription> ROW = (rs, i) -> new Subscription(
            rs.getObject("subscription_id", UUID.class), rs.getString("owner"),
            Audience.valueOf(rs.getString("audience")), rs.getBoolean("all_organisations"),
            rs.getString("member_body"), strings(rs.getArray("organisations")), strings(rs.getArray("event_types")),
            rs.getString("target_url"), State.valueOf(rs.getString("state")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("verified_at")), instant(rs.getTimestamp("failing_since")), rs.getLong("pending"),
            instant(rs.getTimestamp("previous_secret_until")));

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
