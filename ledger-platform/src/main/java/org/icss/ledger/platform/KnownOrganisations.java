package org.icss.ledger.platform;

import org.icss.ledger.events.OrganisationRegistered;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;

/**
 * A service's local view of which organisations audit-service registered, fed from {@code icss.audit.events}
 * (no synchronous calls on the write path). Eventually consistent: an organisation registered a moment ago may not
 * be known yet, and a write naming it is refused until it is.
 */
public class KnownOrganisations {

    private final JdbcTemplate jdbc;

    public KnownOrganisations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the service's consumer of audit-service's topic; a repeated delivery changes nothing. */
    public void record(OrganisationRegistered registered) {
        jdbc.update("INSERT INTO known_organisation (organisation_id, member_body, registered_on) VALUES (?, ?, ?) "
                        + "ON CONFLICT (organisation_id) DO NOTHING", registered.organisationId().value(),
                registered.memberBody().name(), Date.valueOf(registered.effectiveOn()));
    }

    public boolean isKnown(String organisationId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM known_organisation WHERE organisation_id = ?",
                Integer.class, organisationId);
        return count != null && count > 0;
    }
}
