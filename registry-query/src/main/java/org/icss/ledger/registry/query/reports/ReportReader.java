package org.icss.ledger.registry.query.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.registry.query.reports.PerformanceReport.OrganisationInfo;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the performance reports' model: an organisation's audits with their effective scores (the latest correction
 * by the instant it was recorded; withdrawn audits left out), and the peers' latest audits for benchmarks.
 */
public class ReportReader {

    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };

    /** The audits that count, each with the scores of its latest correction if it has one. */
    private static final String EFFECTIVE_AUDITS = "SELECT a.organisation_id, a.audit_id, a.audited_on, a.recorded_at, "
            + "a.standard_version, a.audit_type, a.auditor, a.expected_scores, "
            + "COALESCE((SELECT c.scores FROM reporting.audit_correction c WHERE c.organisation_id = a.organisation_id "
            + "AND c.audit_id = a.audit_id ORDER BY c.recorded_at DESC, c.event_id DESC LIMIT 1), a.scores) AS scores "
            + "FROM reporting.audit a WHERE NOT EXISTS (SELECT 1 FROM reporting.audit_withdrawal w "
            + "WHERE w.organisation_id = a.organisation_id AND w.audit_id = a.audit_id)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PerformanceReportPolicy policy;

    public ReportReader(JdbcTemplate jdbc, ObjectMapper json, PerformanceReportPolicy policy) {
        this.jdbc = jdbc;
        this.json = json;
        this.policy = policy;
    }

    public Optional<OrganisationInfo> organisation(String organisationId) {
        return jdbc.query("SELECT organisation_id, name, country, member_body FROM reporting.organisation "
                        + "WHERE organisation_id = ?", (rs, n) -> new OrganisationInfo(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4)), organisationId).stream().findFirst();
    }

    /** The member body that certifies the organisation: the one whose key may read its reports. */
    public Optional<MemberBody> certifyingMemberBody(String organisationId) {
        return organisation(organisationId).map(o -> MemberBody.valueOf(o.memberBody()));
    }

    public List<AuditScores> audits(String organisationId) {
        return jdbc.query("SELECT * FROM (" + EFFECTIVE_AUDITS + ") e WHERE e.organisation_id = ? "
                + "ORDER BY e.audited_on, e.recorded_at, e.audit_id", (rs, n) -> audit(rs), organisationId);
    }

    /**
     * The latest audit on {@code version} up to {@code onOrBefore} of every organisation but {@code organisationId}:
     * the benchmark as it stood on the date of the audit reported on.
     */
    public List<Participant> peers(String organisationId, StandardVersion version, LocalDate onOrBefore) {
        return jdbc.query("SELECT DISTINCT ON (e.organisation_id) e.organisation_id, o.country, o.member_body, e.scores "
                        + "FROM (" + EFFECTIVE_AUDITS + ") e JOIN reporting.organisation o "
                        + "ON o.organisation_id = e.organisation_id WHERE e.standard_version = ? "
                        + "AND e.audited_on <= ? AND e.organisation_id <> ? "
                        + "ORDER BY e.organisation_id, e.audited_on DESC, e.recorded_at DESC, e.audit_id DESC",
                (rs, n) -> new Participant(rs.getString(1), rs.getString(2), rs.getString(3),
                        scores(rs.getString(4))), version.code(), java.sql.Date.valueOf(onOrBefore), organisationId);
    }

    /**
     * The report of the organisation's audit {@code auditId}, or of its latest audit when null. Empty when the
     * organisation is unknown or has no such audit.
     */
    public Optional<PerformanceReport> report(String organisationId, String auditId) {
        Optional<OrganisationInfo> organisation = organisation(organisationId);
        if (organisation.isEmpty()) {
            return Optional.empty();
        }
        List<AuditScores> audits = audits(organisationId);
        return PerformanceReportPolicy.select(audits, auditId).map(audit -> policy.report(organisation.get(), audits,
                audit, peers(organisationId, audit.standardVersion(), audit.auditedOn())));
    }

    private AuditScores audit(ResultSet rs) throws SQLException {
        return new AuditScores(rs.getString("audit_id"), rs.getDate("audited_on").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant(), new StandardVersion(rs.getString("standard_version")),
                AuditType.valueOf(rs.getString("audit_type")), rs.getString("auditor"), scores(rs.getString("scores")),
                scores(rs.getString("expected_scores")));
    }

    private Map<String, Integer> scores(String text) {
        try {
            return json.readValue(text, SCORES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable scores in the reporting model: " + text, e);
        }
    }
}
