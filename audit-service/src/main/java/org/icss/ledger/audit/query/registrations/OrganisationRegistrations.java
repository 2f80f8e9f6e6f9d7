package org.icss.ledger.audit.query.registrations;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.icss.ledger.platform.aggregates.BoundedCache;
import org.icss.ledger.platform.security.LedgerSecurityProperties;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.platform.ProblemType;
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
 * <p>
 * The member body that registered an organisation never changes, so each answer found is kept in memory (at most
 * {@code icss.security.owner-cache-size} organisations, least recently used dropped): the ownership check of a write
 * asks the database once per organisation, not once per request. An organisation not found is asked again each time
 * (it may be registered a moment later, and such a request is answered 404 anyway).
 */
@Component
public class OrganisationRegistrations {

    private final JdbcTemplate jdbc;
    private final Cache owners;

    public OrganisationRegistrations(JdbcTemplate jdbc, LedgerSecurityProperties security) {
        this.jdbc = jdbc;
        this.owners = security.ownerCacheSize() > 0 ? new BoundedCache(security.ownerCacheSize()) : NoCache.INSTANCE;
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
            throw Rejected.conflict(ProblemType.DUPLICATE_REGISTRATION, memberBody
                    + " has already registered an organisation named \"" + name.strip() + "\" in " + country
                    + "; nothing was recorded.");
        }
    }

    public Optional<MemberBody> registeredBy(String organisationId) {
        MemberBody known = owners.get(organisationId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<MemberBody> found = jdbc.queryForList(
                "SELECT member_body FROM organisation_registration WHERE organisation_id = ?", String.class,
                organisationId).stream().findFirst().map(MemberBody::valueOf);
        found.ifPresent(body -> owners.put(organisationId, body));
        return found;
    }

    /** Trimmed, runs of white space as one space, lower case: "Harbour  Bank " and "harbour bank" are one name. */
    static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
