package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.registry.query.registry.Histories.OrganisationSummary;
import org.icss.ledger.registry.query.registry.StandingPolicy.Period;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps each organisation's answers precomputed, so that reads are only queries: its standing today with reasons
 * ({@code standing.answer}), its standing by business date as periods ({@code standing_period}), and the causes of
 * every entry of its compliance history ({@code history_entry.caused_by}, {@code revoked_by}).
 * <p>
 * The projection only marks an organisation dirty in the same transaction as the event's rows
 * ({@link #markDirty}); this class recomputes dirty organisations, and those whose answer for today ran out
 * ({@code changes_on}: an expiry, an anniversary), in batches: each batch locks its standing rows (skipping rows
 * another replica is computing), loads the batch's histories in a fixed number of queries, and writes the answers
 * in the same transaction. An event arriving meanwhile waits for the lock and marks the row dirty again, so nothing
 * is lost. {@link #refreshPending} is driven by a background thread ({@code icss.registry.standing-refresh-*}), and
 * a reader that meets a dirty organisation brings that one up to date first ({@link #refresh}).
 */
public class Standings {

    /**
     * The shape and wording of the answers kept in {@code standing.answer} (and the columns written with them). Bump it
     * when {@link Answer}, those columns or the texts
     * of the policies change: at the next start every kept answer is computed again in the background (no replay),
     * and readers work answers out from the histories meanwhile.
     */
    public static final int ANSWER_FORMAT = 4;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Histories histories;
    private final StandingPolicy policy;
    private final ObjectMapper json;
    private final Clock clock;
    private final Announcements announcements;

    public Standings(JdbcTemplate jdbc, PlatformTransactionManager transactions, Histories histories,
                     StandingPolicy policy, ObjectMapper json, Clock clock) {
        this(jdbc, transactions, histories, policy, json, clock, Announcements.NONE);
    }

    /**
     * @param announcements told of every organisation whose standing today differs from the one kept before, in the
     *                      transaction that keeps the new one
     */
    public Standings(JdbcTemplate jdbc, PlatformTransactionManager transactions, Histories histories,
                     StandingPolicy policy, ObjectMapper json, Clock clock, Announcements announcements) {
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.histories = histories;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    /** The answer an organisation's standing row holds: as {@link StandingReader} serves it. */
    public record Answer(OrganisationSummary organisation, Standing standing,
                         List<StandingReader.AwardView> awards) {
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The statement that marks an organisation dirty (its one argument: the organisation id). */
    static String markDirtySql(String schema) {
        return "INSERT INTO " + schema + ".standing AS s (organisation_id) VALUES (?) ON CONFLICT (organisation_id) "
                + "DO UPDATE SET dirty = TRUE, version = s.version + 1";
    }

    /** The statement that marks every employer of a professional dirty (its one argument: the professional id). */
    static String markEmployersDirtySql(String schema) {
        return "INSERT INTO " + schema + ".standing AS s (organisation_id) SELECT DISTINCT organisation_id FROM "
                + schema + ".employment_change WHERE professional_id = ? ON CONFLICT (organisation_id) "
                + "DO UPDATE SET dirty = TRUE, version = s.version + 1";
    }

    /** Recomputes up to {@code batch} organisations that are dirty or whose answer for today ran out. */
    public int refreshPending(String schema, int batch) {
        LocalDate today = today();
        Integer done = transaction.execute(status -> {
            List<String> ids = jdbc.queryForList("SELECT organisation_id FROM " + schema + ".standing WHERE dirty "
                    + "UNION SELECT organisation_id FROM " + schema + ".standing WHERE NOT dirty AND changes_on <= ? "
                    + "LIMIT ?", String.class, Date.valueOf(today), batch);
            if (ids.isEmpty()) {
                return 0;
            }
            List<String> locked = lock(schema, ids, true);
            write(schema, locked, today);
            return locked.size();
        });
        return done == null ? 0 : done;
    }

    /**
     * Recomputes every pending organisation of {@code schema} (a replay before its switch; tests), on as many threads
     * as the machine has cores (at most 4): each takes its own batches of the dirty organisations ({@code FOR UPDATE
     * SKIP LOCKED}), so they never wait for one another, and every organisation is computed once.
     */
    public void refreshAll(String schema, int batch) {
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (workers == 1) {
            drainDirty(schema, batch);
        } else {
            drainDirtyOn(workers, schema, batch);
        }
        // whatever the workers left (an answer for today that ran out, rows another thread held at the end)
        while (refreshPending(schema, batch) > 0) {
            // next batch
        }
    }

    private void drainDirtyOn(int workers, String schema, int batch) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers,
                runnable -> {
                    Thread thread = new Thread(runnable, "registry-standings-all");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> drainDirty(schema, batch)));
            }
            for (java.util.concurrent.Future<?> worker : running) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the standings of " + schema, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("computing the standings of " + schema + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Computes batches of dirty organisations that no other thread holds, until none is left. */
    private void drainDirty(String schema, int batch) {
        LocalDate today = today();
        while (true) {
            Integer done = transaction.execute(status -> {
                List<String> locked = jdbc.queryForList("SELECT organisation_id FROM " + schema + ".standing "
                        + "WHERE dirty ORDER BY organisation_id LIMIT ? FOR UPDATE SKIP LOCKED", String.class, batch);
                if (!locked.isEmpty()) {
                    write(schema, locked, today);
                }
                return locked.size();
            });
            if (done == null || done == 0) {
                return;
            }
        }
    }

    /** Brings one organisation up to date now, waiting for a batch that is computing it (a reader met it dirty). */
    public void refresh(String schema, String organisationId) {
        LocalDate today = today();
        transaction.executeWithoutResult(status -> {
            List<String> locked = lock(schema, List.of(organisationId), false);
            if (!locked.isEmpty()) {
                write(schema, locked, today);
            }
        });
    }

    private List<String> lock(String schema, List<String> ids, boolean skipLocked) {
        return jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT organisation_id FROM " + schema + ".standing "
                    + "WHERE organisation_id = ANY (?) ORDER BY organisation_id FOR UPDATE"
                    + (skipLocked ? " SKIP LOCKED" : ""));
            statement.setArray(1, Histories.ids(con, ids));
            return statement;
        }, (rs, i) -> rs.getString(1));
    }

    private void write(String schema, List<String> ids, LocalDate today) {
        Map<String, OrganisationSummary> organisations = histories.organisations(schema, ids, Histories.END_OF_TIME);
        Map<String, OrganisationHistory> all = histories.histories(schema, organisations.keySet(),
                Histories.END_OF_TIME);
        List<Object[]> answers = new ArrayList<>();
        List<Object[]> periods = new ArrayList<>();
        Map<String, Kept> kept = announcements == Announcements.NONE ? Map.of() : kept(schema, ids);
        List<Announcements.StandingChange> changes = new ArrayList<>();
        for (String id : ids) {
            OrganisationSummary organisation = organisations.get(id);
            if (organisation == null) {
                // events about an organisation whose registration has not arrived yet: nothing to answer until it does
                answers.add(new Object[]{null, null, null, null, null, null, null, id});
                continue;
            }
            OrganisationHistory history = all.get(id);
            Standing standing = policy.standingOn(today, history);
            Answer answer = new Answer(organisation, standing, StandingReader.awards(history, today));
            String folded = RegistryProjection.fold(organisation.name());
            Kept before = kept.get(id);
            if (before != null && before.differs(standing)) {
                changes.add(change(organisation, history, today, before, standing));
            }
            answers.add(new Object[]{Date.valueOf(today),
                    policy.nextChange(history, today).map(Date::valueOf).orElse(null), toJson(answer),
                    standing.tier().name(), standing.status() == null ? null : standing.status().name(),
                    standing.certificate() == null ? null : standing.certificate().number(), folded, id});
            for (Period period : policy.periods(history)) {
                periods.add(new Object[]{id, Date.valueOf(period.from()),
                        period.until() == null ? null : Date.valueOf(period.until()), period.tier().name(),
                        period.status() == null ? null : period.status().name(), period.certificateNumber(),
                        folded});
            }
        }
        jdbc.batchUpdate("UPDATE " + schema + ".standing SET dirty = FALSE, version = version + 1, computed_on = ?, "
                + "changes_on = ?, answer = ?::jsonb, tier = ?, status = ?, certificate_number = ?, name_folded = ? "
                + "WHERE organisation_id = ?", answers);
        jdbc.update(con -> {
            var statement = con.prepareStatement("DELETE FROM " + schema + ".standing_period "
                    + "WHERE organisation_id = ANY (?)");
            statement.setArray(1, Histories.ids(con, ids));
            return statement;
        });
        jdbc.batchUpdate("INSERT INTO " + schema + ".standing_period (organisation_id, from_on, until_on, tier, "
                + "status, certificate_number, name_folded) VALUES (?, ?, ?, ?, ?, ?, ?)", periods);
        writeCauses(schema, ids);
        if (!changes.isEmpty()) {
            announcements.standingsChanged(schema, changes);
        }
    }

    /**
     * Today's tier and status as last kept, for the organisations whose answer was computed before (a first answer
     * counts as changing from no standing at all: tier NONE, no status).
     */
    private Map<String, Kept> kept(String schema, List<String> ids) {
        Map<String, Kept> kept = new HashMap<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT organisation_id, computed_on, answer IS NULL AS fresh, tier, "
                    + "status FROM " + schema + ".standing WHERE organisation_id = ANY (?)");
            statement.setArray(1, Histories.ids(con, ids));
            return statement;
        }, rs -> {
            String tier = rs.getString("tier");
            if (rs.getBoolean("fresh")) {
                kept.put(rs.getString("organisation_id"), new Kept(org.icss.ledger.events.Tier.NONE, null));
            } else if (tier != null) {
                // a kept answer from before these columns existed has no tier to compare with: nothing is announced
                String status = rs.getString("status");
                kept.put(rs.getString("organisation_id"), new Kept(org.icss.ledger.events.Tier.valueOf(tier),
                        status == null ? null : org.icss.ledger.events.CertificateStatus.valueOf(status)));
            }
        });
        return kept;
    }

    private record Kept(org.icss.ledger.events.Tier tier, org.icss.ledger.events.CertificateStatus status) {

        boolean differs(Standing standing) {
            return tier != standing.tier() || status != standing.status();
        }
    }

    private Announcements.StandingChange change(OrganisationSummary organisation, OrganisationHistory history,
                                                LocalDate today, Kept before, Standing after) {
        List<StandingPolicy.TimelineEntry> timeline = policy.timeline(history, today);
        StandingPolicy.TimelineEntry latest = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1);
        return new Announcements.StandingChange(organisation.organisationId(), organisation.name(),
                organisation.memberBody(), before.tier(), before.status(), after.tier(), after.status(),
                after.certificate() == null ? null : after.certificate().number(),
                latest == null ? today : latest.on(), latest == null ? null : latest.reason(), after.tierEventIds());
    }

    /**
     * Works out every history entry's causes, revocation and hashes ({@link HistoryChain}, in business order) again,
     * stores those that changed, and each organisation's chain head.
     */
    private void writeCauses(String schema, List<String> ids) {
        Map<String, List<Causality.Row>> rows = new HashMap<>();
        Map<String, Stored> stored = new HashMap<>();
        Map<String, String> payloads = new HashMap<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT organisation_id, event_id, event_type, effective_on, "
                    + "recorded_at, payload, caused_by, revoked_by, payload_hash, entry_hash FROM " + schema
                    + ".history_entry "
                    + "WHERE organisation_id = ANY (?) ORDER BY organisation_id, effective_on, recorded_at, "
                    + "event_type, event_id");
            statement.setArray(1, Histories.ids(con, ids));
            return statement;
        }, rs -> {
            String eventId = rs.getString("event_id");
            rows.computeIfAbsent(rs.getString("organisation_id"), k -> new ArrayList<>()).add(new Causality.Row(
                    eventId, rs.getString("event_type"), rs.getDate("effective_on").toLocalDate(),
                    rs.getTimestamp("recorded_at").toInstant(),
                    Causality.event(json, rs.getString("event_type"), rs.getString("payload"))));
            Array causedBy = rs.getArray("caused_by");
            stored.put(eventId, new Stored(causedBy == null ? null
                    : Arrays.stream((Object[]) causedBy.getArray()).map(Object::toString).toList(),
                    rs.getString("revoked_by"), rs.getString("payload_hash"), rs.getString("entry_hash")));
            payloads.put(eventId, rs.getString("payload"));
        });
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> heads = new ArrayList<>();
        for (Map.Entry<String, List<Causality.Row>> organisation : rows.entrySet()) {
            String previous = HistoryChain.GENESIS;
            for (Causality.Entry entry : Causality.of(organisation.getValue())) {
                Stored before = stored.get(entry.eventId());
                String payloadHash = HistoryChain.sha256(payloads.get(entry.eventId()));
                String entryHash = HistoryChain.entryHash(previous, payloadHash);
                previous = entryHash;
                if (!entry.causedBy().equals(before.causedBy()) || !Objects.equals(entry.revokedBy(),
                        before.revokedBy()) || !payloadHash.equals(before.payloadHash())
                        || !entryHash.equals(before.entryHash())) {
                    updates.add(new Object[]{entry.causedBy().stream().map(UUID::fromString).toArray(UUID[]::new),
                            entry.revokedBy() == null ? null : UUID.fromString(entry.revokedBy()), payloadHash,
                            entryHash, UUID.fromString(entry.eventId())});
                }
            }
            heads.add(new Object[]{previous, organisation.getKey()});
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE " + schema + ".history_entry SET caused_by = ?, revoked_by = ?, "
                    + "payload_hash = ?, entry_hash = ? WHERE event_id = ?", updates, updates.size(), (ps, args) -> {
                ps.setArray(1, ps.getConnection().createArrayOf("uuid", (Object[]) args[0]));
                ps.setObject(2, args[1]);
                ps.setString(3, (String) args[2]);
                ps.setString(4, (String) args[3]);
                ps.setObject(5, args[4]);
            });
        }
        jdbc.batchUpdate("UPDATE " + schema + ".standing SET chain_head = ? WHERE organisation_id = ?", heads);
    }

    private record Stored(List<String> causedBy, String revokedBy, String payloadHash, String entryHash) {
    }

    private String toJson(Answer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the standing of " + answer.organisation().organisationId(),
                    e);
        }
    }

    Answer fromJson(String answer) {
        try {
            return json.readValue(answer, Answer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored standing this version cannot read", e);
        }
    }
}
