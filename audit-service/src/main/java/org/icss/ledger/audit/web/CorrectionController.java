package org.icss.ledger.audit.web;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import jakarta.validation.Valid;
import org.icss.ledger.audit.web.ReportCommands.AuditCorrectionRecorded;
import org.icss.ledger.audit.web.ReportCommands.AuditWithdrawalRecorded;
import org.icss.ledger.audit.web.ReportCommands.HealthCheckCorrectionRecorded;
import org.icss.ledger.audit.web.ReportCommands.HealthCheckWithdrawalRecorded;
import org.icss.ledger.platform.positions.EventPositions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;

/**
 * Corrections and withdrawals of what a member body reported (DOMAIN.md rule 8). Each is a new event; the original
 * audit or health check stays in the organisation's history. The organisation decides what is acceptable: an
 * unknown audit or check is a 404, a withdrawn one a 409, scores that do not fit the audit's standard version a 422
 * naming each {@code scores.<code>}; nothing is recorded then. The commands are {@link ReportCommands}'s.
 */
@RestController
@RequestMapping("/api/v1/organisations/{organisationId}")
public class CorrectionController {

    private final ReportCommands reports;

    public CorrectionController(ReportCommands reports) {
        this.reports = reports;
    }

    @PostMapping("/audits/{auditId}/corrections")
    @Refusals({ProblemType.AUDIT_WITHDRAWN, ProblemType.DUPLICATE_CORRECTION})
    public ResponseEntity<AuditCorrectionRecorded> correctAudit(@PathVariable String organisationId,
                                                                @PathVariable String auditId,
                                                                @Valid @RequestBody AuditCorrectionRequest request) {
        AuditCorrectionRecorded recorded = reports.correctAudit(organisationId, auditId, request);
        return ResponseEntity.created(childOfRequest(recorded.correctionId()))
                .headers(EventPositions.headers(recorded.position())).body(recorded);
    }

    @PostMapping("/audits/{auditId}/withdrawal")
    @Refusals(ProblemType.AUDIT_WITHDRAWN)
    public ResponseEntity<AuditWithdrawalRecorded> withdrawAudit(@PathVariable String organisationId,
                                                                 @PathVariable String auditId,
                                                                 @Valid @RequestBody WithdrawalRequest request) {
        AuditWithdrawalRecorded recorded = reports.withdrawAudit(organisationId, auditId, request);
        return ResponseEntity.created(request()).headers(EventPositions.headers(recorded.position())).body(recorded);
    }

    @PostMapping("/health-checks/{healthCheckId}/corrections")
    @Refusals({ProblemType.HEALTH_CHECK_WITHDRAWN, ProblemType.DUPLICATE_CORRECTION})
    public ResponseEntity<HealthCheckCorrectionRecorded> correctHealthCheck(
            @PathVariable String organisationId, @PathVariable String healthCheckId,
            @Valid @RequestBody HealthCheckCorrectionRequest request) {
        HealthCheckCorrectionRecorded recorded = reports.correctHealthCheck(organisationId, healthCheckId, request);
        return ResponseEntity.created(childOfRequest(recorded.correctionId()))
                .headers(EventPositions.headers(recorded.position())).body(recorded);
    }

    @PostMapping("/health-checks/{healthCheckId}/withdrawal")
    @Refusals(ProblemType.HEALTH_CHECK_WITHDRAWN)
    public ResponseEntity<HealthCheckWithdrawalRecorded> withdrawHealthCheck(
            @PathVariable String organisationId, @PathVariable String healthCheckId,
            @Valid @RequestBody WithdrawalRequest request) {
        HealthCheckWithdrawalRecorded recorded = reports.withdrawHealthCheck(organisationId, healthCheckId, request);
        return ResponseEntity.created(request()).headers(EventPositions.headers(recorded.position())).body(recorded);
    }

    private static URI childOfRequest(String id) {
        return ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(id).toUri();
    }

    private static URI request() {
        return ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
    }
}
