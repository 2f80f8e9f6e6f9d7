package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the registry's questions from the projected tables. */
@Component
public class RegistryReader {

    private final JdbcTemplate jdbc;

    public RegistryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record OrganisationSummary(String organisationId, String name, String country, String memberBody) {
    }

    public record CertificateView(String certificateNumber, String organisationId, String tier,
                                  String standardVersion, LocalDate awardedOn, LocalDate validUntil,
                                  String auditId) {

    }

    public record AwardView(String awardId, int seasonYear, String category, LocalDate wonOn) {
    }

    /** An organisation's standing on {@code asOf}; {@code status} is empty when it never held a certificate. */
    public record Standing(OrganisationSummary organisation, LocalDate asOf, Tier tier, Optional<String> status,
                           Optional<CertificateView> certificate, List<AwardView> awards) {
    }

    public record HistoryEntry(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt,
                               String summary) {
    }

    public Optional<OrganisationSummary> organisation(String organisationId) {
        return jdbc.query("SELECT organisation_id, name, country, member_body FROM organisation "
                + "WHERE organisation_id = ?", RegistryReader::summary, organisationId).stream().findFirst();
    }

    public List<OrganisationSummary> search(String q, String country, String memberBody, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT organisation_id, name, country, member_body FROM organisation "
                + "WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND lower(name) LIKE ?");
            args.add("%" + q.strip().toLowerCase() + "%");
        }
        if (country != null && !country.isBlank()) {
            sql.append(" AND country = ?");
            args.add(country.strip().toUpperCase());
        }
        if (memberBody != null && !memberBody.isBlank()) {
            sql.append(" AND member_body = ?");
            args.add(memberBody.strip().toUpperCase());
        }
        sql.append(" ORDER BY lower(name), organisation_id LIMIT ? OFFSET ?");
        args.add(size);
        args.add((long) page * size);
        return jdbc.query(sql.toString(), RegistryReader::summary, args.toArray());
    }

    /**
     * Standing on {@code asOf}: the latest certificate awarded on or before it (revoked awards aside); its tier
     * counts while it is ACTIVE or SUSPENDED.
     */
    public Optional<Standing> standing(String organisationId, LocalDate asOf) {
        return organisation(organisationId).map(organisation -> {
            Optional<CertificateView> latest = certificates(organisationId, asOf).stream().reduce((a, b) -> b);
            Optional<CertificateStatus> status = latest.flatMap(c -> statusOn(c, asOf));
            Tier tier = latest.filter(c -> status.filter(s -> s == CertificateStatus.ACTIVE
                            || s == CertificateStatus.SUSPENDED).isPresent())
                    .map(c -> Tier.valueOf(c.tier())).orElse(Tier.NONE);
            return new Standing(organisation, asOf, tier, status.map(Enum::name), latest,
                    awards(organisationId, asOf));
        });
    }

    public Optional<CertificateView> certificate(String number) {
        return jdbc.query("SELECT * FROM certificate WHERE certificate_number = ? AND revoked_by IS NULL",
                RegistryReader::certificate, number).stream().findFirst();
    }

    public Optional<CertificateStatus> statusOn(CertificateView certificate, LocalDate date) {
        List<StatusPolicy.StatusChange> changes = jdbc.query("SELECT effective_on, status FROM certificate_change "
                        + "WHERE certificate_number = ? AND revoked_by IS NULL ORDER BY effective_on, recorded_at",
                (rs, i) -> new StatusPolicy.StatusChange(rs.getDate("effective_on").toLocalDate(),
                        CertificateStatus.valueOf(rs.getString("status"))), certificate.certificateNumber());
        return StatusPolicy.statusOn(certificate.awardedOn(), certificate.validUntil(), changes, date);
    }

    public List<HistoryEntry> history(String organisationId) {
        return jdbc.query("SELECT event_id, event_type, effective_on, recorded_at, summary FROM history_entry "
                        + "WHERE organisation_id = ? ORDER BY effective_on, recorded_at, event_type",
                (rs, i) -> new HistoryEntry(rs.getString("event_id"), rs.getString("event_type"),
                        rs.getDate("effective_on").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("summary")), organisationId);
    }

    private List<CertificateView> certificates(String organisationId, LocalDate asOf) {
        return jdbc.query("SELECT * FROM certificate WHERE organisation_id = ? AND awarded_on <= ? "
                        + "AND revoked_by IS NULL ORDER BY awarded_on, certificate_number", RegistryReader::certificate,
                organisationId, Date.valueOf(asOf));
    }

    private List<AwardView> awards(String organisationId, LocalDate asOf) {
        return jdbc.query("SELECT award_id, season_year, category, won_on FROM award WHERE organisation_id = ? "
                        + "AND won_on <= ? ORDER BY won_on, award_id",
                (rs, i) -> new AwardView(rs.getString("award_id"), rs.getInt("season_year"),
                        rs.getString("category"), rs.getDate("won_on").toLocalDate()),
                organisationId, Date.valueOf(asOf));
    }

    private static OrganisationSummary summary(ResultSet rs, int row) throws SQLException {
        return new OrganisationSummary(rs.getString("organisation_id"), rs.getString("name"),
                rs.getString("country"), rs.getString("member_body"));
    }

    private static CertificateView certificate(ResultSet rs, int row) throws SQLException {
        return new CertificateView(rs.getString("certificate_number"), rs.getString("organisation_id"),
                rs.getString("tier"), rs.getString("standard_version"), rs.getDate("awarded_on").toLocalDate(),
                rs.getDate("valid_until").toLocalDate(), rs.getString("audit_id"));
    }
}
