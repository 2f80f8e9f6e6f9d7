package org.icss.ledger.audit.web.imports;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The imports' own records ({@code report_import}, {@code report_import_line}): who posted each import, its progress,
 * and the result of every line recorded or refused for good, written in the transaction of the line's commands.
 */
@Component
public class ImportStore {

    private final JdbcTemplate jdbc;

    public ImportStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A line's stored result. */
    public record StoredLine(int lineNo, String sha256, int status, String result) {
    }

    /** An import's progress, as {@code GET /api/v1/imports/{id}} shows it. */
    public record Progress(String importId, String state, Instant startedAt, Instant updatedAt, Instant finishedAt,
                           long linesRead, long accepted, long refused, long replayed) {
    }

    /**
     * Takes an import for a posting: a new one, one whose last posting finished or stopped, or one whose posting has
     * made no progress for {@code inProgressTimeout} (its replica died). An import last posted more than
     * {@code retention} ago starts afresh. The counters start again from zero for this posting.
     *
     * @return false when another posting of the import is running
     */
    public boolean claim(String importId, String client, String idempotencyKey, java.time.Duration inProgressTimeout,
                         java.time.Duration retention) {
        jdbc.update("DELETE FROM report_import WHERE import_id = ? AND state <> 'RUNNING' "
                + "AND heartbeat_at < now() - make_interval(secs => ?)", importId, (double) retention.toSeconds());
        return jdbc.update("INSERT INTO report_import (import_id, client, idempotency_key, state) "
                        + "VALUES (?, ?, ?, 'RUNNING') "
                        + "ON CONFLICT (import_id) DO UPDATE SET state = 'RUNNING', started_at = now(), "
                        + "heartbeat_at = now(), finished_at = NULL, lines_read = 0, lines_accepted = 0, "
                        + "lines_refused = 0, lines_replayed = 0 "
                        + "WHERE report_import.client = EXCLUDED.client AND (report_import.state <> 'RUNNING' "
                        + "   OR report_import.heartbeat_at < now() - make_interval(secs => ?))",
                importId, client, idempotencyKey, (double) inProgressTimeout.toSeconds()) == 1;
    }

    /** The references of the organisations the import registered so far, with their ids. */
    public Map<String, String> references(String importId) {
        Map<String, String> refs = new HashMap<>();
        jdbc.query("SELECT ref, organisation_id FROM report_import_line WHERE import_id = ? AND ref IS NOT NULL",
                rs -> {
                    refs.put(rs.getString(1), rs.getString(2));
                }, importId);
        return refs;
    }

    /** The stored results of the lines {@code from..to}, by line number. */
    public Map<Integer, StoredLine> lines(String importId, int from, int to) {
        Map<Integer, StoredLine> lines = new HashMap<>();
        jdbc.query("SELECT line_no, line_sha256, status, result FROM report_import_line "
                + "WHERE import_id = ? AND line_no BETWEEN ? AND ?", rs -> {
                    lines.put(rs.getInt(1), new StoredLine(rs.getInt(1), rs.getString(2), rs.getInt(3),
                            rs.getString(4)));
                }, importId, from, to);
        return lines;
    }

    /** Stores a line's result; in the transaction of its commands. */
    public void recordLine(String importId, int lineNo, String sha256, int status, String ref, String organisationId,
                           String result) {
        jdbc.update("INSERT INTO report_import_line (import_id, line_no, line_sha256, status, ref, organisation_id, "
                + "result) VALUES (?, ?, ?, ?, ?, ?, ?)", importId, lineNo, sha256, status, ref, organisationId, result);
    }

    /** Adds a batch's counts to this posting's progress (in the batch's transaction, or after it). */
    public void progress(String importId, long read, long accepted, long refused, long replayed) {
        jdbc.update("UPDATE report_import SET heartbeat_at = now(), lines_read = lines_read + ?, "
                        + "lines_accepted = lines_accepted + ?, lines_refused = lines_refused + ?, "
                        + "lines_replayed = lines_replayed + ? WHERE import_id = ?", read, accepted, refused,
                replayed, importId);
    }

    public void finish(String importId, String state) {
        jdbc.update("UPDATE report_import SET state = ?, heartbeat_at = now(), finished_at = now() "
                + "WHERE import_id = ?", state, importId);
    }

    /**
     * The import's progress, if {@code client} posted it (or {@code client} is null: anyone's); a posting without
     * progress for {@code inProgressTimeout} is {@code INTERRUPTED}.
     */
    public Optional<Progress> progress(String importId, String client, java.time.Duration inProgressTimeout) {
        List<Progress> found = jdbc.query("SELECT *, CASE WHEN state = 'RUNNING' AND heartbeat_at < now() "
                + "- make_interval(secs => ?) THEN 'INTERRUPTED' ELSE state END AS shown_state FROM report_import "
                + "WHERE import_id = ? AND (CAST(? AS VARCHAR) IS NULL OR client = ?)", (rs, row) -> new Progress(
                rs.getString("import_id"), rs.getString("shown_state"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("heartbeat_at").toInstant(), rs.getTimestamp("finished_at") == null ? null
                : rs.getTimestamp("finished_at").toInstant(), rs.getLong("lines_read"),
                rs.getLong("lines_accepted"), rs.getLong("lines_refused"), rs.getLong("lines_replayed")),
                (double) inProgressTimeout.toSeconds(), importId, client, client);
        return found.stream().findFirst();
    }
}
