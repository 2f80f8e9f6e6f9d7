package org.icss.ledger.registry.query.notifications;

import org.icss.ledger.registry.query.registry.Generations;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which member body registered each organisation, as the generation that answers knows it. */
public class OrganisationOwners {

    private final JdbcTemplate jdbc;
    private final Generations generations;

    public OrganisationOwners(JdbcTemplate jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** The member body of each of {@code ids} the registry knows; unknown ids are left out. */
    public Map<String, String> memberBodies(List<String> ids) {
        String schema = generations.currentSchema();
        Map<String, String> owners = new HashMap<>();
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT organisation_id, member_body FROM " + schema
                    + ".organisation WHERE organisation_id = ANY (?)");
            statement.setArray(1, con.createArrayOf("varchar", ids.toArray()));
            return statement;
        }, rs -> {
            owners.put(rs.getString(1), rs.getString(2));
        });
        return owners;
    }
}
