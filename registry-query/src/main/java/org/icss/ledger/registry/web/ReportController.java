package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.reports.PerformanceReport;
import org.icss.ledger.registry.query.reports.ReportReader;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * An organisation's ICSS performance report, private to its certifying member body and compliance staff
 * ({@code ReportConfiguration}'s access rules): as JSON, as an HTML page with SVG charts, and as PDF. The latest
 * audit by default, or the audit named by {@code audit}.
 */
@RestController
@RequestMapping("/api/v1/reports/organisations/{organisationId}")
@Tag(name = "Performance reports", description = "Scores by perspective, trends, risks and opportunities, "
        + "expectation gaps and peer benchmarks; for the certifying member body and compliance staff only")
public class ReportController {

    private final ReportReader reports;
    private final ReportPdf pdf;

    public ReportController(ReportReader reports, ReportPdf pdf) {
        this.reports = reports;
        this.pdf = pdf;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Performance report (JSON)", description = "Of the latest audit, or of audit `audit`. "
            + "Benchmark groups of fewer than 5 organisations are not shown, with the reason.")
    public PerformanceReport report(@PathVariable String organisationId,
                                    @Parameter(description = "an audit id of the organisation; latest by default")
                                    @RequestParam(required = false) String audit) {
        return find(organisationId, audit);
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Performance report (HTML page), for Accept: text/html")
    public ResponseEntity<String> reportPage(@PathVariable String organisationId,
                                             @RequestParam(required = false) String audit) {
        return html(organisationId, audit);
    }

    @GetMapping(value = "/report.html", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Performance report as an HTML page with SVG charts (no JavaScript needed)")
    public ResponseEntity<String> html(@PathVariable String organisationId,
                                       @RequestParam(required = false) String audit) {
        PerformanceReport report = find(organisationId, audit);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(ReportPage.render(report, false));
    }

    @GetMapping(value = "/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Performance report as PDF (the same report as the page)")
    public ResponseEntity<byte[]> pdf(@PathVariable String organisationId,
                                      @RequestParam(required = false) String audit) {
        PerformanceReport report = find(organisationId, audit);
        String filename = "icss-report-" + report.organisation().organisationId().replaceAll("[^A-Za-z0-9-]", "")
                + "-" + report.audit().auditedOn() + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(pdf.render(ReportPage.render(report, true)));
    }

    private PerformanceReport find(String organisationId, String audit) {
        if (reports.organisation(organisationId).isEmpty()) {
            throw Rejected.notFound("Organisation", organisationId);
        }
        return reports.report(organisationId, audit).orElseThrow(() -> audit == null
                ? Rejected.notFound("Audit report for organisation", organisationId + " (it has no audit yet)")
                : Rejected.notFound("Audit", audit + " of organisation " + organisationId));
    }
}
