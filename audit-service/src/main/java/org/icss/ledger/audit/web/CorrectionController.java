package org.icss.ledger.audit.web;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.icss.ledger.audit.command.CorrectAudit;
import org.icss.ledger.audit.command.CorrectHealthCheck;
import org.icss.ledger.audit.command.WithdrawAudit;
import org.icss.ledger.audit.command.WithdrawHealthCheck;
import org.icss.ledger.events.OrganisationId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Corrections and withdrawals of what a member body reported (DOMAIN.md rule 8). Each is a new event; the original
 * audit or health check stays in the organisation's history. The organisation decides what is acceptable: an
 * unknown audit or check is a 404, a withdrawn one a 409, scores that do not fit the audit's standard version a 422
 * naming each {@code scores.<code>}; nothing is recorded then.
 */
@RestController
@RequestMapping("/api/v1/organisations/{organisationId}")
public class CorrectionController {

    private final CommandGateway commands;
    private final Clock clock;

    public CorrectionController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public record AuditCorrectionRecorded(String organisationId, String auditId, String correctionId) {
    }

    public record AuditWithdrawalRecorded(String organisationId, String auditId) {
    }

    public record HealthCheckCorrectionRecorded(String organisationId, String healthCheckId, String correctionId) {
    }

    public record HealthCheckWithdrawalRecorded(String organisationId, String healthCheckId) {
    }

    @PostMapping("/audits/{auditId}/corrections")
    public ResponseEntity<AuditCorrectionRecorded> correctAudit(@PathVariable String organisationId,
                                                                @PathVariable String auditId,
                                                                @Valid @RequestBody AuditCorrectionRequest request) {
        String correctionId = UUID.randomUUID().toString();
        commands.sendAndWait(new CorrectAudit(new OrganisationId(organisationId), auditId, correctionId,
                request.scores(), request.reason(), Instant.now(clock)));
        return ResponseEntity.created(childOfRequest(correctionId))
                .body(new AuditCorrectionRecorded(organisationId, auditId, correctionId));
    }

    @PostMapping("/audits/{auditId}/withdrawal")
    public ResponseEntity<AuditWithdrawalRecorded> withdrawAudit(@PathVariable String organisationId,
                                                                 @PathVariable String auditId,
                                                                 @Valid @RequestBody WithdrawalRequest request) {
        commands.sendAndWait(new WithdrawAudit(new OrganisationId(organisationId), auditId, request.reason(),
                Instant.now(clock)));
        return ResponseEntity.created(request()).body(new AuditWithdrawalRecorded(organisationId, auditId));
    }

    @PostMapping("/health-checks/{healthCheckId}/corrections")
    public ResponseEntity<HealthCheckCorrectionRecorded> correctHealthCheck(
            @PathVariable String organisationId, @PathVariable String healthCheckId,
            @Valid @RequestBody HealthCheckCorrectionRequest request) {
        String correctionId = UUID.randomUUID().toString();
        commands.sendAndWait(new CorrectHealthCheck(new OrganisationId(organisationId), healthCheckId, correctionId,
                request.result() == HealthCheckRequest.Result.PASSED, request.reason(), Instant.now(clock)));
        return ResponseEntity.created(childOfRequest(correctionId))
                .body(new HealthCheckCorrectionRecorded(organisationId, healthCheckId, correctionId));
    }

    @PostMapping("/health-checks/{healthCheckId}/withdrawal")
    public ResponseEntity<HealthCheckWithdrawalRecorded> withdrawHealthCheck(
            @PathVariable String organisationId, @PathVariable String healthCheckId,
            @Valid @RequestBody WithdrawalRequest request) {
        commands.sendAndWait(new WithdrawHealthCheck(new OrganisationId(organisationId), healthCheckId,
                request.reason(), Instant.now(clock)));
        return ResponseEntity.created(request())
                .body(new HealthCheckWithdrawalRecorded(organisationId, healthCheckId));
    }

    private static URI childOfRequest(String id) {
        return ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(id).toUri();
    }

    private static URI request() {
        return ServletUriComponentsBuilder.fromCurrentRequest().build().toUri();
    }
}
