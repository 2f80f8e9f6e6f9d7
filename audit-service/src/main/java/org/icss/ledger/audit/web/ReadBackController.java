package org.icss.ledger.audit.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.icss.ledger.audit.query.readback.PostedReports;
import org.icss.ledger.audit.query.readback.PostedReports.Audit;
import org.icss.ledger.audit.query.readback.PostedReports.Correction;
import org.icss.ledger.audit.query.readback.PostedReports.HealthCheck;
import org.icss.ledger.audit.query.readback.PostedReports.Posted;
import org.icss.ledger.audit.query.readback.PostedReports.Registration;
import org.icss.ledger.platform.Rejected;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Read-back of what was posted: an organisation as registered, its audits with their scores, its health checks, and
 * the corrections and withdrawals of both, in the order they were recorded, a page at a time. For the member body
 * that registered the organisation, compliance staff and administrators (403 for other keys, 404 for an unknown
 * organisation).
 */
@RestController
@Validated
@RequestMapping("/api/v1/organisations/{organisationId}")
public class ReadBackController {

    private final PostedReports reports;

    public ReadBackController(PostedReports reports) {
        this.reports = reports;
    }

    /** One page of a list: {@code total} items in all. */
    public record Page<T>(int page, int size, long total, List<T> items) {

        static <T> Page<T> of(List<T> all, int page, int size) {
            int from = (int) Math.min(all.size(), (long) page * size);
            return new Page<>(page, size, all.size(), all.subList(from, Math.min(all.size(), from + size)));
        }
    }

    @GetMapping
    public Registration organisation(@PathVariable String organisationId) {
        return posted(organisationId).registration();
    }

    @GetMapping("/audits")
    public Page<Audit> audits(@PathVariable String organisationId,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Page.of(posted(organisationId).audits(), page, size);
    }

    @GetMapping("/health-checks")
    public Page<HealthCheck> healthChecks(@PathVariable String organisationId,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Page.of(posted(organisationId).healthChecks(), page, size);
    }

    @GetMapping("/corrections")
    public Page<Correction> corrections(@PathVariable String organisationId,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return Page.of(posted(organisationId).corrections(), page, size);
    }

    private Posted posted(String organisationId) {
        return reports.of(organisationId).orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
    }
}
