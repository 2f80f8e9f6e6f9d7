package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.StatusPolicy.StatusChange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates of one organisation's timeline ({@link LifecyclePolicy#timeline}), each with its award and its
 * status changes, and the questions asked of them on a date with {@link StatusPolicy}: the one reading of "what is
 * this certificate's status on day D" for every service that plays the timeline.
 */
public final class CertificateTimeline {

    private CertificateTimeline() {
    }

    /** A certificate as the timeline awarded it, with its later status changes in timeline order. */
    public record Certificate(CertificateNumber number, Tier tier, StandardVersion standard, LocalDate awardedOn,
                              LocalDate validUntil, List<StatusChange> changes) {

        public Certificate {
            changes = List.copyOf(changes);
        }

        /** Its status once {@code date} has played; empty before its award. */
        public Optional<CertificateStatus> statusOn(LocalDate date) {
            return StatusPolicy.statusOn(awardedOn, validUntil, changes, date);
        }

        /** Its status on {@code date} as that day's awards see it (rule 9); empty before its award. */
        public Optional<CertificateStatus> statusWhenAwardsAreJudged(LocalDate date) {
            return StatusPolicy.statusWhenAwardsAreJudged(awardedOn, validUntil, changes, date);
        }
    }

    /** The certificates {@code timeline} awards, in award order; a change of a certificate it does not award is left out. */
    public static List<Certificate> certificates(List<Change> timeline) {
        Map<CertificateNumber, Change.Awarded> awards = new LinkedHashMap<>();
        Map<CertificateNumber, List<StatusChange>> changes = new LinkedHashMap<>();
        for (Change change : timeline) {
            if (change instanceof Change.Awarded award) {
                awards.put(award.certificate(), award);
                changes.put(award.certificate(), new ArrayList<>());
            } else if (changes.containsKey(change.certificate())) {
                // a change follows its certificate's award in a timeline; one without it says nothing here
                changes.get(change.certificate()).add(new StatusChange(change.on(), change.status()));
            }
        }
        List<Certificate> certificates = new ArrayList<>();
        awards.forEach((number, award) -> certificates.add(new Certificate(number, award.tier(), award.standard(),
                award.on(), award.validUntil(), changes.get(number))));
        return certificates;
    }

    /**
     * DOMAIN.md rule 1's question: does the organisation hold an ACTIVE or SUSPENDED certificate of {@code version}
     * on {@code day}, judged as awards are (before that day's health checks and scheduled changes)?
     *
     * @param timeline the organisation's timeline through at least {@code day}
     */
    public static boolean holdsActiveOrSuspended(List<Change> timeline, StandardVersion version, LocalDate day) {
        return certificates(timeline).stream()
                .filter(certificate -> certificate.standard().equals(version))
                .map(certificate -> certificate.statusWhenAwardsAreJudged(day).orElse(null))
                .anyMatch(status -> status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED);
    }
}
