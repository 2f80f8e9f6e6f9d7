package org.icss.ledger.audit.query.registrations;

import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.platform.Rejected;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * Which member body registered each organisation ({@code organisation_registration}). Written by the registration
 * itself, in the transaction that appends {@code OrganisationRegistered}, so it is never behind the event store: the
 * authorization rules read it to let only the registering member body's key write for an organisation, and its
 * unique index refuses a duplicate registration.
 */
@Component
public class OrganisationRegistrations {

    private final JdbcTemplate jdbc;

    public OrganisationRegistrations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a registration; call in the transaction of the registration's command.
     *
     * @throws Rejected 409 {@code duplicate-registration} if the member body registered this name in this country
     */
    public void record(OrganisationId id, MemberBody memberBody, String name, String country) {
        try {
            jdbc.update("INSERT INTO organisation_registration (organisation_id, member_body, normalised_name, "
                    + "country) VALUES (?, ?, ?, ?)", id.value(), memberBody.name(), normalise(name), country);
        } catch (DuplicateKeyException e) {
            throw Rejected.conflict("duplicate-registration", "Organisation already registered", memberBody
                    + " has already registered an organisation named \"" + name.strip() + "\" in " + country
                    + "; nothing was recorded.");
        }
    }

    public Optional<MemberBody> registeredBy(String organisationId) {
        return jdbc.queryForList("SELECT member_body FROM organisation_registration WHERE organisation_id = ?",
                String.class, organisationId).stream().findFirst().map(MemberBody::valueOf);
    }

    /** Trimmed, runs of white space as one space, lower case: "Harbour  Bank " and "harbour bank" are one name. */
    static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
