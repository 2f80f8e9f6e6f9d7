package org.icss.ledger.registry.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The performance reports' settings ({@code icss.reports}). The Gold threshold is not one of them: it is the
 * standard's own definition, {@code CertificationRules.GOLD_MIN_SCORE} (ledger-rules), the one every service uses.
 *
 * @param riskFallOf         a fall of this much or more since the previous audit makes an attribute a risk
 * @param riskShortfallOf    delivery short of management's expectation by this much or more makes it a risk
 * @param peerOpportunities  how many attributes furthest below the peer median are listed as opportunities
 * @param minBenchmarkGroup  a benchmark group of fewer organisations than this is not shown
 * @param pdfFont            a TrueType font embedded in the PDF (any script the font covers, e.g. Greek names); the
 *                           PDF's built-in Latin fonts are used when the file is absent
 */
@ConfigurationProperties("icss.reports")
public record ReportProperties(
        @DefaultValue("2") int riskFallOf,
        @DefaultValue("2") int riskShortfallOf,
        @DefaultValue("3") int peerOpportunities,
        @DefaultValue("5") int minBenchmarkGroup,
        @DefaultValue("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") String pdfFont) {
}
