package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.OrganisationId;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One organisation's certification: decides from the audits it is given whether a certificate is awarded.
 * The walking skeleton knows the Gold threshold only; the full lifecycle (Certified tier, health checks,
 * suspension, expiry) comes with the lifecycle issue.
 */
@Aggregate
public class Certification {

    @AggregateIdentifier
    private OrganisationId organisationId;
    private final Set<String> awardedAudits = new HashSet<>();

    protected Certification() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordAudit command) {
        AuditScored audit = command.audit();
        if (awardedAudits.contains(audit.auditId())) {
            return; // the same audit again: already decided
        }
        if (GoldPolicy.awardsGold(audit.auditType(), audit.scores())) {
            LocalDate awardedOn = audit.effectiveOn();
            apply(new GoldAwarded(command.organisationId(),
                    EventIds.of(GoldAwarded.class, command.organisationId().value(), audit.auditId()),
                    awardedOn, command.recordedAt(),
                    CertificateNumbers.forAward(command.organisationId(), audit.auditId(), awardedOn),
                    audit.standardVersion(), GoldPolicy.validUntil(awardedOn), audit.auditId()));
        }
    }

    @EventSourcingHandler
    void on(GoldAwarded event) {
        organisationId = event.organisationId();
        awardedAudits.add(event.auditId());
    }
}
