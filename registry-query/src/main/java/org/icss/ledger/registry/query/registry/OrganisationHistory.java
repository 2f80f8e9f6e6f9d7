package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.icss.ledger.rules.StatusPolicy;

/**
 * What the registry knows about one organisation, as the standing policies need it: its certificates with their
 * status changes, the CCSM holders it employs and their credentials, and its ISEA wins. Revoked events are already
 * left out (as known at the instant asked), so the policies see one consistent history; which of it counts on a
 * date D is theirs to decide (only what is effective on or before D counts for the standing on D).
 */
public record OrganisationHistory(List<Certificate> certificates, List<Employment> employments,
                                  List<Credential> credentials, List<Award> awards) {

    public OrganisationHistory {
        certificates = certificates.stream().sorted(Comparator.comparing(Certificate::awardedOn)
                .thenComparing(Certificate::number)).toList();
        employments = List.copyOf(employments);
        credentials = List.copyOf(credentials);
        awards = awards.stream().sorted(Comparator.comparing(Award::wonOn).thenComparing(Award::awardId)).toList();
    }

    public static OrganisationHistory empty() {
        return new OrganisationHistory(List.of(), List.of(), List.of(), List.of());
    }

    /** A certificate: valid on awardedOn <= D < validUntil; {@code changes} in the order they were announced. */
    public record Certificate(String number, Tier tier, String standardVersion, LocalDate awardedOn,
                              LocalDate validUntil, String auditId, UUID eventId, List<Change> changes) {

        public Certificate {
            changes = List.copyOf(changes);
        }

        public List<StatusPolicy.StatusChange> statusChanges() {
            return changes.stream().map(c -> new StatusPolicy.StatusChange(c.on(), c.status())).toList();
        }
    }

    /** A status change of a certificate (suspended, reinstated, withdrawn, expired, superseded) and its event. */
    public record Change(UUID eventId, LocalDate on, CertificateStatus status) {
    }

    /** A CCSM professional employed from startedOn; {@code endedOn} (no longer employed from that day) or null. */
    public record Employment(String employmentId, String professionalId, LocalDate startedOn, LocalDate endedOn,
                             UUID startEventId, UUID endEventId) {

        public boolean employedOn(LocalDate date) {
            return !startedOn.isAfter(date) && (endedOn == null || endedOn.isAfter(date));
        }
    }

    /** A CCSM credential of a professional, valid on validFrom <= D < validUntil. */
    public record Credential(String professionalId, String credentialId, LocalDate validFrom, LocalDate validUntil,
                             UUID eventId) {

        public boolean validOn(LocalDate date) {
            return !validFrom.isAfter(date) && validUntil.isAfter(date);
        }
    }

    /** An International Service Excellence Award won on wonOn. */
    public record Award(String awardId, int seasonYear, String category, LocalDate wonOn, UUID eventId) {
    }
}
