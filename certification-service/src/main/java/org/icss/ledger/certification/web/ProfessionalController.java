package org.icss.ledger.certification.web;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.icss.ledger.certification.command.professional.EndEmployment;
import org.icss.ledger.certification.command.professional.RegisterProfessional;
import org.icss.ledger.certification.command.professional.RenewCredential;
import org.icss.ledger.certification.command.professional.StartEmployment;
import org.icss.ledger.certification.query.contact.ProfessionalContact;
import org.icss.ledger.certification.query.contact.ProfessionalContacts;
import org.icss.ledger.certification.query.professional.ProfessionalHistory;
import org.icss.ledger.certification.query.professional.ProfessionalHistoryReader;
import org.icss.ledger.certification.web.ProfessionalView.PersonalData;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.KnownOrganisations;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.positions.EventPositions;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.security.MemberBodyAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CCSM professionals as member bodies report them: credentials, employments, and the person's name and email.
 * <p>
 * The name and email go to the erasable contact table, never into a command or an event. Registration writes the
 * contact row and the first {@code ProfessionalCertified} in one database transaction: the command runs on this
 * thread (Axon's simple command bus) and its unit of work joins the transaction opened here, so the event store
 * append and the insert commit together or not at all. The Kafka publisher is a tracking processor reading
 * committed events only, so nothing of a rolled-back registration is ever published.
 * <p>
 * The clock is read once per request: {@code recordedAt} of the events, and "today" for refusing future dates.
 * <p>
 * A professional belongs to the member body whose key registered it (kept with the contact row): only its keys and
 * ADMIN get past {@code CertificationAccessRules} to change or erase it, and only they, COMPLIANCE and ADMIN see the
 * name and email here ({@link ProfessionalContact#personalDataReadableBy}).
 */
@RestController
@RequestMapping("/api/v1/professionals")
public class ProfessionalController {

    private final CommandGateway commands;
    private final ProfessionalContacts contacts;
    private final ProfessionalHistoryReader histories;
    private final TransactionTemplate transaction;
    private final KnownOrganisations organisations;
    private final Clock clock;
    private final EventPositions positions;

    public ProfessionalController(CommandGateway commands, ProfessionalContacts contacts,
                                  ProfessionalHistoryReader histories, PlatformTransactionManager transactionManager,
                                  KnownOrganisations organisations, Clock clock, EventPositions positions) {
        this.commands = commands;
        this.positions = positions;
        this.contacts = contacts;
        this.histories = histories;
        this.transaction = new TransactionTemplate(transactionManager);
        this.organisations = organisations;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<RegistrationResponse> register(@Valid @RequestBody RegisterProfessionalRequest request) {
        Instant recordedAt = clock.instant();
        requireNotFuture("The professional was not registered.", recordedAt, Map.of("certifiedOn",
                request.certifiedOn()));
        MemberBody registeredBy = MemberBodyAccess.callerMemberBody();
        ProfessionalId id = ProfessionalId.random();
        String position = positions.positionOf(() -> transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RegisterProfessional(id, request.credentialId(), request.certifiedOn(),
                    request.validUntil(), recordedAt));
            contacts.record(id, registeredBy, request.name().strip(), request.email().strip());
        }));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(id.value()).toUri()).headers(EventPositions.headers(position))
                .body(new RegistrationResponse(id.value(), position));
    }

    @PostMapping("/{professionalId}/credentials")
    @Refusals(ProblemType.DUPLICATE_CREDENTIAL)
    public ResponseEntity<CredentialResponse> renewCredential(@PathVariable String professionalId,
                                                              @Valid @RequestBody RenewCredentialRequest request) {
        Instant recordedAt = clock.instant();
        requireNotFuture("The credential was not recorded.", recordedAt, Map.of("certifiedOn",
                request.certifiedOn()));
        String position = positions.positionOf(() -> commands.sendAndWait(new RenewCredential(idOf(professionalId),
                request.credentialId(), request.certifiedOn(), request.validUntil(), recordedAt)));
        return ResponseEntity.status(201).headers(EventPositions.headers(position))
                .body(new CredentialResponse(professionalId, request.credentialId(), position));
    }

    @PostMapping("/{professionalId}/employments")
    @Refusals(ProblemType.DUPLICATE_EMPLOYMENT)
    public ResponseEntity<EmploymentResponse> startEmployment(@PathVariable String professionalId,
                                                              @Valid @RequestBody StartEmploymentRequest request) {
        Instant recordedAt = clock.instant();
        requireNotFuture("The employment was not recorded.", recordedAt, Map.of("startedOn", request.startedOn()));
        if (!organisations.isKnown(request.organisationId())) {
            // provisional: this service's view of audit-service's registrations may not have caught up yet
            throw Rejected.invalid("The employment was not recorded.", Map.of("organisationId",
                    "unknown organisation " + request.organisationId() + " (not registered by any member body)"))
                    .provisional();
        }
        String employmentId = UUID.randomUUID().toString();
        String position = positions.positionOf(() -> commands.sendAndWait(new StartEmployment(idOf(professionalId),
                employmentId, new OrganisationId(request.organisationId()), request.startedOn(), recordedAt)));
        return ResponseEntity.status(201).headers(EventPositions.headers(position))
                .body(new EmploymentResponse(professionalId, employmentId, position));
    }

    @PostMapping("/{professionalId}/employments/{employmentId}/end")
    @Refusals(ProblemType.EMPLOYMENT_ENDED)
    public ResponseEntity<Void> endEmployment(@PathVariable String professionalId, @PathVariable String employmentId,
                                              @Valid @RequestBody EndEmploymentRequest request) {
        Instant recordedAt = clock.instant();
        requireNotFuture("The employment was not ended.", recordedAt, Map.of("endedOn", request.endedOn()));
        String position = positions.positionOf(() -> commands.sendAndWait(new EndEmployment(idOf(professionalId),
                employmentId, request.endedOn(), recordedAt)));
        return ResponseEntity.noContent().headers(EventPositions.headers(position)).build();
    }

    @GetMapping("/{professionalId}")
    public ProfessionalView professional(@PathVariable String professionalId) {
        ProfessionalId id = idOf(professionalId);
        ProfessionalContact contact = contacts.find(id)
                .orElseThrow(() -> Rejected.notFound("Professional", professionalId));
        ProfessionalHistory history = histories.history(id);
        boolean readable = ApiCaller.current().map(contact::personalDataReadableBy).orElse(false);
        return readable
                ? new ProfessionalView(id.value(), contact.name(), contact.email(), contact.erasedAt(),
                        contact.erased() ? PersonalData.ERASED : PersonalData.HELD, history.credentials(),
                        history.employments())
                : new ProfessionalView(id.value(), null, null, null, PersonalData.WITHHELD, history.credentials(),
                        history.employments());
    }

    /**
     * Erases the name and email; the professional's events (credentials, employments) stay as recorded. Only the
     * registering member body's keys and ADMIN get here ({@code CertificationAccessRules}).
     */
    @DeleteMapping("/{professionalId}/personal-data")
    public ResponseEntity<Void> erasePersonalData(@PathVariable String professionalId) {
        if (!contacts.erase(idOf(professionalId), clock.instant())) {
            throw Rejected.notFound("Professional", professionalId);
        }
        return ResponseEntity.noContent().build();
    }

    private static ProfessionalId idOf(String professionalId) {
        try {
            return new ProfessionalId(professionalId);
        } catch (IllegalArgumentException e) {
            throw Rejected.notFound("Professional", professionalId);
        }
    }

    /** Business dates are refused when after today (in the clock's zone) at {@code recordedAt}. */
    private void requireNotFuture(String detail, Instant recordedAt, Map<String, LocalDate> dates) {
        LocalDate today = LocalDate.ofInstant(recordedAt, clock.getZone());
        Map<String, String> problems = new LinkedHashMap<>();
        dates.forEach((field, date) -> {
            if (date.isAfter(today)) {
                problems.put(field, "is in the future");
            }
        });
        if (!problems.isEmpty()) {
            // provisional: a date in the future now is not tomorrow
            throw Rejected.invalid(detail, problems).provisional();
        }
    }
}
