package org.icss.ledger.certification.command.professional;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.axonframework.test.matchers.Matchers.predicate;

/** The rules of a CCSM professional's credentials and employments. */
class ProfessionalTest {

    private static final ProfessionalId PRO = new ProfessionalId("pro-1");
    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2024-07-01T09:00:00Z");
    private static final LocalDate CERTIFIED_ON = LocalDate.of(2021, 5, 1);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2024, 5, 1);
    private static final LocalDate STARTED_ON = LocalDate.of(2022, 1, 10);
    private static final ProfessionalCertified CERTIFIED = certified("CCSM-0042", CERTIFIED_ON, VALID_UNTIL);
    private static final EmploymentStarted STARTED = new EmploymentStarted(ORG,
            EventIds.of(EmploymentStarted.class, "pro-1", "emp-1"), STARTED_ON, RECORDED, PRO, "emp-1");

    private AggregateTestFixture<Professional> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Professional.class);
    }

    @Test
    void registrationCertifiesTheProfessionalUnderADerivedEventId() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProfessional(PRO, "CCSM-0042", CERTIFIED_ON, VALID_UNTIL, RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CERTIFIED);
    }

    @Test
    void credentialMustEndAfterItStarts() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProfessional(PRO, "CCSM-0042", CERTIFIED_ON, CERTIFIED_ON, RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "validUntil"))
                .expectNoEvents();
        fixture.given(CERTIFIED)
                .when(new RenewCredential(PRO, "CCSM-0777", VALID_UNTIL, VALID_UNTIL.minusDays(1), RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "validUntil"))
                .expectNoEvents();
    }

    @Test
    void renewalAddsACredential() {
        fixture.given(CERTIFIED)
                .when(new RenewCredential(PRO, "CCSM-0777", VALID_UNTIL, LocalDate.of(2027, 5, 1), RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(certified("CCSM-0777", VALID_UNTIL, LocalDate.of(2027, 5, 1)));
    }

    @Test
    void aCredentialIsRecordedOnlyOnce() {
        fixture.given(CERTIFIED)
                .when(new RenewCredential(PRO, "CCSM-0042", CERTIFIED_ON, VALID_UNTIL, RECORDED))
                .expectException(rejected(Rejected.Kind.CONFLICT, null))
                .expectNoEvents();
    }

    @Test
    void employmentStartsAtAnOrganisation() {
        fixture.given(CERTIFIED)
                .when(new StartEmployment(PRO, "emp-1", ORG, STARTED_ON, RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED);
    }

    @Test
    void anEmploymentIsRecordedOnlyOnce() {
        fixture.given(CERTIFIED, STARTED)
                .when(new StartEmployment(PRO, "emp-1", new OrganisationId("org-2"), STARTED_ON, RECORDED))
                .expectException(rejected(Rejected.Kind.CONFLICT, null))
                .expectNoEvents();
    }

    @Test
    void endedEmploymentNamesTheOrganisationItStartedAt() {
        LocalDate endedOn = LocalDate.of(2023, 6, 30);

        fixture.given(CERTIFIED, STARTED)
                .when(new EndEmployment(PRO, "emp-1", endedOn, RECORDED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EmploymentEnded(ORG, EventIds.of(EmploymentEnded.class, "pro-1", "emp-1"), endedOn,
                        RECORDED, PRO, "emp-1"));
    }

    @Test
    void employmentMustEndAfterItStarts() {
        fixture.given(CERTIFIED, STARTED)
                .when(new EndEmployment(PRO, "emp-1", STARTED_ON, RECORDED))
                .expectException(rejected(Rejected.Kind.INVALID, "endedOn"))
                .expectNoEvents();
    }

    @Test
    void employmentCanEndOnlyOnce() {
        EmploymentEnded ended = new EmploymentEnded(ORG, EventIds.of(EmploymentEnded.class, "pro-1", "emp-1"),
                LocalDate.of(2023, 6, 30), RECORDED, PRO, "emp-1");

        fixture.given(CERTIFIED, STARTED, ended)
                .when(new EndEmployment(PRO, "emp-1", LocalDate.of(2023, 12, 31), RECORDED))
                .expectException(rejected(Rejected.Kind.CONFLICT, null))
                .expectNoEvents();
    }

    @Test
    void endOfUnknownEmploymentIsRejected() {
        fixture.given(CERTIFIED, STARTED)
                .when(new EndEmployment(PRO, "emp-2", LocalDate.of(2023, 6, 30), RECORDED))
                .expectException(rejected(Rejected.Kind.NOT_FOUND, null))
                .expectNoEvents();
    }

    @Test
    void anUnknownProfessionalCannotBeChanged() {
        fixture.givenNoPriorActivity()
                .when(new StartEmployment(PRO, "emp-1", ORG, STARTED_ON, RECORDED))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static ProfessionalCertified certified(String credentialId, LocalDate certifiedOn, LocalDate validUntil) {
        return new ProfessionalCertified(PRO, EventIds.of(ProfessionalCertified.class, "pro-1", credentialId),
                certifiedOn, RECORDED, credentialId, validUntil);
    }

    /** A {@link Rejected} of that kind; for INVALID, naming {@code field} among its errors. */
    private static org.hamcrest.Matcher<Object> rejected(Rejected.Kind kind, String field) {
        return predicate(e -> e instanceof Rejected rejected && rejected.kind() == kind
                && (field == null || rejected.errors().containsKey(field)));
    }
}
