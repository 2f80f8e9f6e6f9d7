package org.icss.ledger.certification.query.contact;

import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.ProfessionalId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code professional_contact} table: name and email of each CCSM professional, the only personal data the
 * ledger holds about a person. Events refer to people by {@link ProfessionalId} alone, so erasing a row's personal
 * data here erases it from the ledger while every event stays as recorded.
 * <p>
 * Plain JDBC on Spring's transaction-bound connection: {@link #record} joins the caller's transaction, which is how
 * the web layer writes the row together with the professional's first event (or neither).
 */
@Repository
public class ProfessionalContacts {

    private final JdbcTemplate jdbc;

    public ProfessionalContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the name and email of a newly registered professional, and the member body that registered it. */
    public void record(ProfessionalId professionalId, MemberBody registeredBy, String name, String email) {
        jdbc.update("INSERT INTO professional_contact (professional_id, registered_by, name, email) "
                + "VALUES (?, ?, ?, ?)", professionalId.value(), registeredBy.name(), name, email);
    }

    public Optional<ProfessionalContact> find(ProfessionalId professionalId) {
        return jdbc.query("SELECT professional_id, name, email, erased_at, registered_by FROM professional_contact "
                + "WHERE professional_id = ?", ProfessionalContacts::contact, professionalId.value())
                .stream().findFirst();
    }

    /**
     * Erases the professional's name and email, keeping the row (the professional id that events refer to) and
     * stamping when. Erasing again changes nothing and keeps the first instant.
     *
     * @return false when no such professional is known
     */
    public boolean erase(ProfessionalId professionalId, Instant erasedAt) {
        return jdbc.update("UPDATE professional_contact SET name = NULL, email = NULL, "
                        + "erased_at = COALESCE(erased_at, ?) WHERE professional_id = ?",
                Timestamp.from(erasedAt), professionalId.value()) == 1;
    }

    private static ProfessionalContact contact(ResultSet row, int rowNumber) throws SQLException {
        Timestamp erasedAt = row.getTimestamp("erased_at");
        String registeredBy = row.getString("registered_by");
        return new ProfessionalContact(new ProfessionalId(row.getString("professional_id")), row.getString("name"),
                row.getString("email"), erasedAt == null ? null : erasedAt.toInstant(),
                registeredBy == null ? null : MemberBody.valueOf(registeredBy));
    }
}
