package org.icss.ledger.registry.query.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.ProcessedEvents;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icss.ledger.registry.query.reports.ReportHistories.LATEST;
import static org.icss.ledger.registry.query.reports.ReportHistories.SUBJECT;

/** The reporting projection fed events directly, on its real tables, without Spring; read back as reports. */
@ExtendWith(LedgerInfrastructureExtension.class)
class ReportProjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private ReportProjection projection;
    private ReportReader reader;
    private TransactionTemplate transaction;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        DataSource dataSource = infra.migratedDatabase("report_projection", "classpath:db/platform",
                "classpath:db/registry-query");
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        projection = new ReportProjection(jdbc, new ProcessedEvents(jdbc), JSON);
        reader = new ReportReader(jdbc, JSON, PerformanceReportPolicyTest.POLICY);
    }

    @Test
    void theReportReadFromTheTablesIsTheReportOfTheEvents() {
        feed(ReportHistories.sample());

        PerformanceReport report = reader.report(SUBJECT, null).orElseThrow();

        assertThat(report).isEqualTo(PerformanceReportPolicyTest.reportOf(null));
        assertThat(report.organisation().name()).isEqualTo("Harbourside Credit Union");
        assertThat(reader.certifyingMemberBody(SUBJECT)).contains(MemberBody.CSIAU);
        assertThat(reader.report(SUBJECT, "h-2021").orElseThrow().audit().auditId()).isEqualTo("h-2021");
        assertThat(reader.report(SUBJECT, "no-such-audit")).isEmpty();
        assertThat(reader.report("org-unknown", null)).isEmpty();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        feed(ReportHistories.sample());
        feed(ReportHistories.sample());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM reporting.audit", Integer.class)).isEqualTo(12);
        assertThat(reader.report(SUBJECT, null).orElseThrow()).isEqualTo(PerformanceReportPolicyTest.reportOf(null));
    }

    @Test
    void theLatestCorrectionGivesTheScoresAndAWithdrawnAuditNoLongerCounts() {
        feed(ReportHistories.sample());
        Map<String, Integer> first = ReportHistories.scores(StandardVersion.ICSS_2020_2025, 4, Map.of());
        Map<String, Integer> second = ReportHistories.scores(StandardVersion.ICSS_2020_2025, 9, Map.of());
        // recorded out of order: the later correction arrives first
        feed(List.of(ReportHistories.correction(SUBJECT, "h-2025", LATEST, second,
                        Instant.parse("2026-02-02T10:00:00Z")),
                ReportHistories.correction(SUBJECT, "h-2025", LATEST, first, Instant.parse("2026-02-01T10:00:00Z"))));

        PerformanceReport corrected = reader.report(SUBJECT, null).orElseThrow();
        assertThat(corrected.overallMean()).isEqualTo(9.0);
        assertThat(corrected.risks()).isEmpty();
        // the expected scores stay those given with the audit
        assertThat(corrected.expectationGaps()).hasSize(4);

        feed(List.of(ReportHistories.withdrawal(SUBJECT, "h-2025", LATEST)));

        PerformanceReport afterWithdrawal = reader.report(SUBJECT, null).orElseThrow();
        assertThat(afterWithdrawal.audit().auditId()).isEqualTo("h-2023");
        assertThat(afterWithdrawal.trend()).hasSize(3);
    }

    @Test
    void peersAreEachOrganisationsLatestAuditOnTheVersionUpToTheDate() {
        feed(ReportHistories.sample());
        feed(List.of(ReportHistories.audit("org-koala", "koala-2025", LocalDate.of(2025, 2, 1),
                org.icss.ledger.events.AuditType.ANNUAL,
                ReportHistories.scores(StandardVersion.ICSS_2020_2025, 3, Map.of()), Map.of())));

        List<Participant> peers = reader.peers(SUBJECT, StandardVersion.ICSS_2020_2025, LATEST);

        assertThat(peers).extracting(Participant::organisationId).containsExactlyInAnyOrder("org-southern",
                "org-koala", "org-brisbane", "org-tasman", "org-perth", "org-outback", "org-kowloon");
        assertThat(peers).filteredOn(p -> p.organisationId().equals("org-koala")).singleElement()
                .satisfies(koala -> assertThat(koala.scores().get("SRV-01")).isEqualTo(3));
        assertThat(reader.peers(SUBJECT, StandardVersion.ICSS_2020_2025, LocalDate.of(2024, 6, 1)))
                .hasSize(6);
    }

    private void feed(List<? extends LedgerEvent> events) {
        for (LedgerEvent event : events) {
            transaction.executeWithoutResult(status -> {
                if (event instanceof org.icss.ledger.events.OrganisationRegistered e) {
                    projection.on(e);
                } else if (event instanceof org.icss.ledger.events.AuditScored e) {
                    projection.on(e);
                } else if (event instanceof org.icss.ledger.events.AuditCorrected e) {
                    projection.on(e);
                } else if (event instanceof org.icss.ledger.events.AuditWithdrawn e) {
                    projection.on(e);
                }
            });
        }
    }
}
