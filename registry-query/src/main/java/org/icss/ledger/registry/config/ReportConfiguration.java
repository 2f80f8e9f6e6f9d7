package org.icss.ledger.registry.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.platform.security.LedgerAccessRules;
import org.icss.ledger.platform.security.MemberBodyAccess;
import org.icss.ledger.registry.query.reports.PerformanceReportPolicy;
import org.icss.ledger.registry.query.reports.ReportReader;
import org.icss.ledger.registry.web.ReportPdf;
import org.icss.ledger.rules.CertificationRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;

/**
 * Performance reports: the policy with its configured thresholds, the reader, the PDF renderer, and who may read a
 * report: the organisation's certifying member body (its key), compliance staff and admins; no one else (401 without
 * a key, 403 for another member body's key). The public registry never shows scores.
 */
@Configuration
@EnableConfigurationProperties(ReportProperties.class)
public class ReportConfiguration {

    @Bean
    public StandardsCatalogue standardsCatalogue() {
        return StandardsCatalogue.shipped();
    }

    @Bean
    public PerformanceReportPolicy performanceReportPolicy(StandardsCatalogue catalogue, ReportProperties properties) {
        return new PerformanceReportPolicy(catalogue, CertificationRules.GOLD_MIN_SCORE, properties.riskFallOf(),
                properties.riskShortfallOf(), properties.peerOpportunities(), properties.minBenchmarkGroup());
    }

    @Bean
    public ReportReader reportReader(JdbcTemplate jdbc, ObjectMapper json, PerformanceReportPolicy policy) {
        return new ReportReader(jdbc, json, policy);
    }

    @Bean
    public ReportPdf reportPdf(ReportProperties properties) {
        return new ReportPdf(properties.pdfFont());
    }

    @Bean
    LedgerAccessRules reportAccessRules(ReportReader reports) {
        return rules -> {
            for (HttpMethod method : new HttpMethod[]{HttpMethod.GET, HttpMethod.HEAD}) {
                rules.requestMatchers(method, "/api/v1/reports/organisations/{organisationId}",
                                "/api/v1/reports/organisations/{organisationId}/*")
                        .access(AuthorizationManagers.anyOf(
                                AuthorityAuthorizationManager.hasAnyRole(ApiKeyRole.COMPLIANCE.name(),
                                        ApiKeyRole.ADMIN.name()),
                                MemberBodyAccess.registeringMemberBody(reports::certifyingMemberBody)));
            }
        };
    }
}
