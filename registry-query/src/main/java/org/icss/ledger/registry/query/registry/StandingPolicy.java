package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.Condition;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.PlatinumStanding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.icss.ledger.rules.StatusPolicy;

/**
 * An organisation's standing on a date and its timeline, from its history. The certificate that decides is the
 * latest awarded on or before the date; its tier counts while it is ACTIVE or SUSPENDED; Gold that is ACTIVE
 * becomes PLATINUM when {@link PlatinumPolicy} says so. Every standing carries its reasons.
 */
public final class StandingPolicy {

    private final PlatinumPolicy platinumPolicy;

    public StandingPolicy(PlatinumPolicy platinumPolicy) {
        this.platinumPolicy = platinumPolicy;
    }

    /**
     * @param status         of the deciding certificate (null: it never held one by then)
     * @param certificate    the deciding certificate, or null
     * @param tierEventIds   the events that made the tier: the award and the status changes since, up to the date
     * @param platinum       the Platinum conditions on the date, met and missing
     */
    public record Standing(LocalDate date, Tier tier, CertificateStatus status, Certificate certificate,
                           List<UUID> tierEventIds, PlatinumStanding platinum) {

        /**
         * The same standing on another day of the period it holds over ({@link #changeDates}): only the date
         * differs, as {@link StandingPolicy#standingOn} would answer it.
         */
        public Standing onDay(LocalDate day) {
            return new Standing(day, tier, status, certificate, tierEventIds, new PlatinumStanding(day,
                    platinum.platinum(), platinum.conditions(), platinum.holdsThrough()));
        }
    }

    /** Tier, status and deciding certificate over [from, until) (until null: from then on). */
    public record Period(LocalDate from, LocalDate until, Tier tier, CertificateStatus status,
                         String certificateNumber) {
    }

    /** The first day a period covers: the earliest business date the registry answers for. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);

    /** A change of tier or status on a date, why, and the events that caused it. */
    public record TimelineEntry(LocalDate on, Tier tier, CertificateStatus status, String certificateNumber,
                                String reason, List<UUID> eventIds) {
    }

    public Standing standingOn(LocalDate date, OrganisationHistory history) {
        Optional<Certificate> current = PlatinumPolicy.currentCertificate(history, date);
        CertificateStatus status = current.flatMap(c -> StatusPolicy.statusOn(c.awardedOn(), c.validUntil(),
                c.statusChanges(), date)).orElse(null);
        Tier tier = current.isPresent() && (status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED)
                ? current.get().tier() : Tier.NONE;
        PlatinumStanding platinum = platinumPolicy.standingOn(date, history);
        if (tier == Tier.GOLD && platinum.platinum()) {
            tier = Tier.PLATINUM;
        }
        List<UUID> ids = new ArrayList<>();
        current.ifPresent(c -> {
            ids.add(c.eventId());
            c.changes().stream().filter(ch -> !ch.on().isAfter(date)).map(Change::eventId).forEach(ids::add);
        });
        return new Standing(date, tier, status, current.orElse(null), List.copyOf(ids), platinum);
    }

    /**
     * Every change of tier, status or deciding certificate up to {@code through}, with its reason: the standing is
     * evaluated on each date where anything could change (awards, status changes, expiries, a run's first
     * anniversary, employments, credentials, ISEA wins and their fourth anniversaries, the Platinum launch).
     */
    public List<TimelineEntry> timeline(OrganisationHistory history, LocalDate through) {
        TreeSet<LocalDate> dates = changeDates(history);
        List<TimelineEntry> entries = new ArrayList<>();
        Standing previous = null;
        for (LocalDate date : dates.headSet(through, true)) {
            Standing standing = standingOn(date, history);
            if (standing.certificate() == null) {
                continue;
            }
            if (previous == null || previous.tier() != standing.tier() || previous.status() != standing.status()
                    || !previous.certificate().number().equals(standing.certificate().number())) {
                entries.add(entry(date, previous, standing, history));
            }
            previous = standing;
        }
        return entries;
    }

    /**
     * The first day after {@code day} on which the standing can differ from the standing on {@code day} by more
     * than its date; empty when nothing in the history will change it any more.
     */
    public Optional<LocalDate> nextChange(OrganisationHistory history, LocalDate day) {
        return Optional.ofNullable(changeDates(history).higher(day));
    }

    /** The whole history as periods of constant tier, status and deciding certificate, from {@link #FIRST_DAY}. */
    public List<Period> periods(OrganisationHistory history) {
        List<Period> periods = new ArrayList<>();
        LocalDate from = FIRST_DAY;
        Standing held = standingOn(FIRST_DAY, history);
        for (LocalDate date : changeDates(history).tailSet(FIRST_DAY, false)) {
            Standing standing = standingOn(date, history);
            if (standing.tier() != held.tier() || standing.status() != held.status()
                    || !Objects.equals(number(standing), number(held))) {
                periods.add(new Period(from, date, held.tier(), held.status(), number(held)));
                from = date;
                held = standing;
            }
        }
        periods.add(new Period(from, null, held.tier(), held.status(), number(held)));
        return periods;
    }

    private static String number(Standing standing) {
        return standing.certificate() == null ? null : standing.certificate().number();
    }

    /**
     * Every date on which anything could change the standing: awards, status changes, expiries, a run's first
     * anniversary, employments, credentials, ISEA wins and their fourth anniversaries, the Platinum launch. Between
     * two of them the standing is the same but for its date.
     */
    public TreeSet<LocalDate> changeDates(OrganisationHistory history) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Certificate c : history.certificates()) {
            dates.add(c.awardedOn());
            dates.add(c.validUntil());
            c.changes().forEach(ch -> dates.add(ch.on()));
        }
        for (PlatinumPolicy.Run run : PlatinumPolicy.activeGoldRuns(history)) {
            dates.add(run.start().plusYears(1));
            dates.add(run.start().plusYears(1).plusDays(1));
        }
        for (Employment e : history.employments()) {
            dates.add(e.startedOn());
            if (e.endedOn() != null) {
                dates.add(e.endedOn());
            }
        }
        for (Credential c : history.credentials()) {
            dates.add(c.validFrom());
            dates.add(c.validUntil());
        }
        for (Award a : history.awards()) {
            dates.add(a.wonOn());
            dates.add(a.wonOn().plusYears(4));
        }
        dates.add(platinumPolicy.launch());
        return dates;
    }

    private static TimelineEntry entry(LocalDate date, Standing previous, Standing standing,
                                       OrganisationHistory history) {
        Certificate certificate = standing.certificate();
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        List<String> what = new ArrayList<>();
        for (Certificate c : history.certificates()) {
            if (c.awardedOn().equals(date)) {
                what.add(c.tier() + " certificate " + c.number() + " awarded, valid until " + c.validUntil());
                ids.add(c.eventId());
            }
            for (Change change : c.changes()) {
                if (change.on().equals(date) && change.status() != CertificateStatus.SUPERSEDED) {
                    what.add("certificate " + c.number() + " " + change.status());
                    ids.add(change.eventId());
                }
            }
            if (c.validUntil().equals(date) && c.changes().stream().noneMatch(ch -> ch.on().equals(date))
                    && c == certificate) {
                what.add("certificate " + c.number() + " reached its validUntil");
            }
        }
        String reason;
        if (standing.tier() == Tier.PLATINUM && (previous == null || previous.tier() != Tier.PLATINUM)) {
            List<String> met = new ArrayList<>();
            for (Condition condition : standing.platinum().conditions()) {
                met.add(condition.explanation());
                ids.addAll(condition.eventIds());
            }
            reason = "Platinum: " + String.join("; ", met);
        } else if (previous != null && previous.tier() == Tier.PLATINUM && standing.tier() != Tier.PLATINUM
                && what.isEmpty()) {
            reason = "No longer Platinum: " + String.join("; ", standing.platinum().missing().stream()
                    .map(Condition::explanation).toList());
        } else if (!what.isEmpty()) {
            reason = capitalise(String.join("; ", what));
        } else {
            reason = capitalise("certificate " + certificate.number() + " "
                    + Objects.toString(standing.status(), "not yet valid"));
        }
        return new TimelineEntry(date, standing.tier(), standing.status(), certificate.number(), reason,
                List.copyOf(ids));
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
