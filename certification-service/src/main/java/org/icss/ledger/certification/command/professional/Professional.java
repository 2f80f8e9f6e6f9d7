package org.icss.ledger.certification.command.professional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.ProblemType;
import org.icss.ledger.platform.Rejected;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Certified Customer Service Manager: the CCSM credentials the person holds and the organisations that employ
 * them, the two facts Platinum needs about people (DOMAIN.md rule 7). The person is known by id only; name and
 * email are not part of this aggregate or its events, so erasing them leaves the history intact.
 * <p>
 * Rules kept here: a credential and an employment each end after they start; a credential or an employment is
 * recorded once (its event id is derived from it); only a known employment can end, and only once.
 */
@Revision("1")
@Aggregate(cache = "professionalCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
public class Professional {

    @AggregateIdentifier
    private ProfessionalId professionalId;
    private final Set<String> credentialIds = new HashSet<>();
    private final Map<String, Employment> employments = new HashMap<>();

    protected Professional() {
        // for Axon
    }

    @CommandHandler
    public Professional(RegisterProfessional command) {
        requireEndAfterStart("validUntil", command.validUntil(), "certifiedOn", command.certifiedOn(),
                "The professional was not registered.");
        apply(certified(command.professionalId(), command.credentialId(), command.certifiedOn(),
                command.validUntil(), command.recordedAt()));
    }

    @CommandHandler
    public void handle(RenewCredential command) {
        if (credentialIds.contains(command.credentialId())) {
            throw Rejected.conflict(ProblemType.DUPLICATE_CREDENTIAL,
                    "Credential " + command.credentialId() + " is already recorded for professional "
                            + professionalId);
        }
        requireEndAfterStart("validUntil", command.validUntil(), "certifiedOn", command.certifiedOn(),
                "The credential was not recorded.");
        apply(certified(professionalId, command.credentialId(), command.certifiedOn(), command.validUntil(),
                command.recordedAt()));
    }

    @CommandHandler
    public void handle(StartEmployment command) {
        if (employments.containsKey(command.employmentId())) {
            throw Rejected.conflict(ProblemType.DUPLICATE_EMPLOYMENT,
                    "Employment " + command.employmentId() + " is already recorded for professional "
                            + professionalId);
        }
        apply(new EmploymentStarted(command.organisationId(),
                EventIds.of(EmploymentStarted.class, professionalId.value(), command.employmentId()),
                command.startedOn(), command.recordedAt(), professionalId, command.employmentId()));
    }

    @CommandHandler
    public void handle(EndEmployment command) {
        Employment employment = employments.get(command.employmentId());
        if (employment == null) {
            throw Rejected.notFound("Employment", command.employmentId());
        }
        if (employment.endedOn() != null) {
            throw Rejected.conflict(ProblemType.EMPLOYMENT_ENDED,
                    "Employment " + command.employmentId() + " ended on " + employment.endedOn());
        }
        requireEndAfterStart("endedOn", command.endedOn(), "startedOn", employment.startedOn(),
                "The employment was not ended.");
        apply(new EmploymentEnded(employment.organisationId(),
                EventIds.of(EmploymentEnded.class, professionalId.value(), command.employmentId()),
                command.endedOn(), command.recordedAt(), professionalId, command.employmentId()));
    }

    @EventSourcingHandler
    void on(ProfessionalCertified event) {
        professionalId = event.professionalId();
        credentialIds.add(event.credentialId());
    }

    @EventSourcingHandler
    void on(EmploymentStarted event) {
        employments.put(event.employmentId(), new Employment(event.organisationId(), event.effectiveOn(), null));
    }

    @EventSourcingHandler
    void on(EmploymentEnded event) {
        Employment employment = employments.get(event.employmentId());
        employments.put(event.employmentId(),
                new Employment(employment.organisationId(), employment.startedOn(), event.effectiveOn()));
    }

    private static ProfessionalCertified certified(ProfessionalId professionalId, String credentialId,
                                                   LocalDate certifiedOn, LocalDate validUntil,
                                                   Instant recordedAt) {
        return new ProfessionalCertified(professionalId,
                EventIds.of(ProfessionalCertified.class, professionalId.value(), credentialId),
                certifiedOn, recordedAt, credentialId, validUntil);
    }

    /** Both credentials and employments run on {@code start <= D < end}: an end on or before the start is no term. */
    private static void requireEndAfterStart(String endField, LocalDate end, String startField, LocalDate start,
                                             String detail) {
        if (!end.isAfter(start)) {
            throw Rejected.invalid(detail, Map.of(endField, "must be after " + startField + " " + start));
        }
    }

    /** What the aggregate remembers of an employment; {@code endedOn} is null while it lasts. */
    private record Employment(OrganisationId organisationId, LocalDate startedOn, LocalDate endedOn) {
    }
}
