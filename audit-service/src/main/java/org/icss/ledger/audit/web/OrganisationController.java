package org.icss.ledger.audit.web;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import jakarta.validation.Valid;
import org.icss.ledger.audit.web.ReportCommands.AuditRecorded;
import org.icss.ledger.audit.web.ReportCommands.HealthCheckRecorded;
import org.icss.ledger.audit.web.ReportCommands.Registered;
import org.icss.ledger.platform.positions.EventPositions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What member bodies post: organisations they certify, audits with scores, health checks. Corrections and
 * withdrawals of these are {@link CorrectionController}'s; many of them in one request, {@link ImportController}'s.
 * What each report is checked for and which command it becomes is {@link ReportCommands}'s.
 */
@RestController
@RequestMapping("/api/v1/organisations")
public class OrganisationController {

    private final ReportCommands reports;

    public OrganisationController(ReportCommands reports) {
        this.reports = reports;
    }

    /** Registers an organisation for the key's member body ({@link ReportCommands#register}). */
    @PostMapping
    @Refusals(ProblemType.DUPLICATE_REGISTRATION)
    public ResponseEntity<Registered> register(@Valid @RequestBody RegisterOrganisationRequest request) {
        Registered registered = reports.register(request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(registered.organisationId()).toUri()).headers(EventPositions.headers(registered.position())).body(registered);
    }

    /** Records an audit ({@link ReportCommands#scoreAudit}: DOMAIN.md rule 1 and the scores' fit). */
    @PostMapping("/{organisationId}/audits")
    @Refusals(ProblemType.DUPLICATE_AUDIT)
    public ResponseEntity<AuditRecorded> scoreAudit(@PathVariable String organisationId,
                                                    @Valid @RequestBody ScoreAuditRequest request) {
        AuditRecorded recorded = reports.scoreAudit(organisationId, request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(recorded.auditId()).toUri()).headers(EventPositions.headers(recorded.position())).body(recorded);
    }

    @PostMapping("/{organisationId}/health-checks")
    @Refusals(ProblemType.DUPLICATE_HEALTH_CHECK)
    public ResponseEntity<HealthCheckRecorded> recordHealthCheck(@PathVariable String organisationId,
                                                                 @Valid @RequestBody HealthCheckRequest request) {
        HealthCheckRecorded recorded = reports.recordHealthCheck(organisationId, request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(recorded.healthCheckId()).toUri()).headers(EventPositions.headers(recorded.position())).body(recorded);
    }
}
