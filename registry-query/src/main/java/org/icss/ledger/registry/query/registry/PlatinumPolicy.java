package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.icss.ledger.rules.StatusPolicy;

/**
 * Platinum is derived, never posted (DOMAIN.md rule 7): an organisation is Platinum on D when
 * <ol>
 *     <li>it holds Gold and the certificate is ACTIVE on D;</li>
 *     <li>its current unbroken run of Active Gold (rule 6) started on or before D - 1 year: it starts when Gold
 *     becomes ACTIVE after a day it was not (an award or a reinstatement), goes on through a Gold re-award on or
 *     before the day the old Gold ends, and ends with a suspension, expiry, withdrawal or a lower award;</li>
 *     <li>on D someone holds a CCSM credential valid on D and is employed by it on D (start &lt;= D, end absent or
 *     &gt; D);</li>
 *     <li>it won an ISEA on W with D - 4 years &lt; W &lt;= D;</li>
 *     <li>D is on or after the Platinum launch ({@code icss.registry.platinum-launch}, default 2013-01-01).</li>
 * </ol>
 * Every answer carries its reasons: each condition, met or not, with the events that meet it, the day it holds
 * through (from what is known) and, for an unmet one, the first later day it would be met when known.
 */
public final class PlatinumPolicy {

    private final LocalDate launch;

    public PlatinumPolicy(LocalDate launch) {
        this.launch = Objects.requireNonNull(launch, "platinum launch");
    }

    public enum ConditionCode { GOLD_ACTIVE, ONE_YEAR_ACTIVE_GOLD, CCSM_EMPLOYED, ISEA_WITHIN_FOUR_YEARS,
        AFTER_PLATINUM_LAUNCH }

    /**
     * One of the five conditions on a date.
     *
     * @param metFrom      when not met: the first later day it is met, when the history already shows one
     * @param holdsThrough when met: the last day it holds on what is known (null: no end known)
     * @param eventIds     the events that meet it (or, for Gold, that made the organisation Gold)
     */
    public record Condition(ConditionCode code, boolean met, String explanation, LocalDate metFrom,
                            LocalDate holdsThrough, List<UUID> eventIds) {
    }

    /** The answer on {@code date}: Platinum or not, every condition, and the last day Platinum holds through. */
    public record PlatinumStanding(LocalDate date, boolean platinum, List<Condition> conditions,
                                   LocalDate holdsThrough) {

        public List<Condition> missing() {
            return conditions.stream().filter(c -> !c.met()).toList();
        }

        public Condition condition(ConditionCode code) {
            return conditions.stream().filter(c -> c.code() == code).findFirst().orElseThrow();
        }
    }

    /** An unbroken run of Active Gold on start &lt;= D &lt; end, with the events that started and continued it. */
    public record Run(LocalDate start, LocalDate end, List<UUID> eventIds) {

        boolean covers(LocalDate date) {
            return !start.isAfter(date) && end.isAfter(date);
        }
    }

    public LocalDate launch() {
        return launch;
    }

    public PlatinumStanding standingOn(LocalDate date, OrganisationHistory history) {
        Optional<Run> run = activeGoldRuns(history).stream().filter(r -> r.covers(date)).findFirst();
        List<Condition> conditions = List.of(
                goldActive(date, history, run),
                oneYear(date, run),
                ccsm(date, history),
                isea(date, history),
                launched(date));
        boolean platinum = conditions.stream().allMatch(Condition::met);
        LocalDate through = platinum ? conditions.stream().map(Condition::holdsThrough).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null) : null;
        return new PlatinumStanding(date, platinum, conditions, through);
    }

    /**
     * Every unbroken run of Active Gold (rule 6), in date order. A certificate counts from its award until its
     * validUntil or the next award (which replaces it, rule 2), whichever is first, while its status is ACTIVE;
     * runs that touch (a re-award on or before the day the old Gold ends) are one run.
     */
    public static List<Run> activeGoldRuns(OrganisationHistory history) {
        List<Run> segments = new ArrayList<>();
        List<Certificate> certificates = history.certificates();
        for (int i = 0; i < certificates.size(); i++) {
            Certificate certificate = certificates.get(i);
            LocalDate bound = certificate.validUntil();
            for (int j = i + 1; j < certificates.size(); j++) {
                LocalDate next = certificates.get(j).awardedOn();
                if (next.isAfter(certificate.awardedOn())) {
                    bound = next.isBefore(bound) ? next : bound;
                    break;
                }
            }
            if (certificate.tier() == Tier.GOLD) {
                segments.addAll(activeSegments(certificate, bound));
            }
        }
        segments.sort(Comparator.comparing(Run::start));
        List<Run> runs = new ArrayList<>();
        for (Run segment : segments) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && !segment.start().isAfter(last.end())) {
                LinkedHashSet<UUID> ids = new LinkedHashSet<>(last.eventIds());
                ids.addAll(segment.eventIds());
                runs.set(runs.size() - 1, new Run(last.start(),
                        segment.end().isAfter(last.end()) ? segment.end() : last.end(), List.copyOf(ids)));
            } else {
                runs.add(segment);
            }
        }
        return runs;
    }

    private static List<Run> activeSegments(Certificate certificate, LocalDate bound) {
        List<LocalDate> points = new ArrayList<>();
        points.add(certificate.awardedOn());
        for (Change change : certificate.changes()) {
            if (change.on().isAfter(certificate.awardedOn()) && change.on().isBefore(bound)) {
                points.add(change.on());
            }
        }
        points.add(bound);
        List<LocalDate> sorted = points.stream().distinct().sorted().toList();
        List<Run> segments = new ArrayList<>();
        for (int k = 0; k + 1 < sorted.size(); k++) {
            LocalDate from = sorted.get(k);
            Optional<CertificateStatus> status = StatusPolicy.statusOn(certificate.awardedOn(),
                    certificate.validUntil(), certificate.statusChanges(), from);
            if (status.orElse(null) == CertificateStatus.ACTIVE) {
                UUID cause = certificate.changes().stream().filter(c -> c.on().equals(from))
                        .reduce((a, b) -> b).map(Change::eventId).orElse(certificate.eventId());
                Run previous = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                if (previous != null && previous.end().equals(from)) {
                    segments.set(segments.size() - 1, new Run(previous.start(), sorted.get(k + 1),
                            previous.eventIds()));
                } else {
                    segments.add(new Run(from, sorted.get(k + 1), List.of(cause)));
                }
            }
        }
        return segments;
    }

    private static Condition goldActive(LocalDate date, OrganisationHistory history, Optional<Run> run) {
        if (run.isPresent()) {
            Certificate gold = currentCertificate(history, date).orElseThrow();
            LinkedHashSet<UUID> ids = new LinkedHashSet<>();
            ids.add(gold.eventId());
            gold.changes().stream().filter(c -> !c.on().isAfter(date) && c.status() == CertificateStatus.ACTIVE)
                    .reduce((a, b) -> b).ifPresent(c -> ids.add(c.eventId()));
            return new Condition(ConditionCode.GOLD_ACTIVE, true, "Gold certificate " + gold.number()
                    + " (awarded " + gold.awardedOn() + ", valid until " + gold.validUntil() + ") is ACTIVE",
                    null, run.get().end().minusDays(1), List.copyOf(ids));
        }
        Optional<Certificate> current = currentCertificate(history, date);
        String why = current.map(c -> {
            String status = StatusPolicy.statusOn(c.awardedOn(), c.validUntil(), c.statusChanges(), date)
                    .map(Enum::name).orElse("not yet valid");
            return c.tier() == Tier.GOLD ? "Gold certificate " + c.number() + " is " + status
                    : "the current certificate " + c.number() + " is " + c.tier() + " (" + status + "), not Gold";
        }).orElse("no certificate on this date");
        LocalDate next = activeGoldRuns(history).stream().map(Run::start).filter(d -> d.isAfter(date)).findFirst()
                .orElse(null);
        return new Condition(ConditionCode.GOLD_ACTIVE, false, why, next, null, List.of());
    }

    private static Condition oneYear(LocalDate date, Optional<Run> run) {
        if (run.isEmpty()) {
            return new Condition(ConditionCode.ONE_YEAR_ACTIVE_GOLD, false, "no run of Active Gold on this date",
                    null, null, List.of());
        }
        LocalDate start = run.get().start();
        LocalDate metFrom = start.plusYears(1);
        if (metFrom.minusYears(1).isBefore(start)) {
            metFrom = metFrom.plusDays(1);
        }
        boolean met = !start.isAfter(date.minusYears(1));
        String explanation = "Active Gold without a break since " + start
                + (met ? " (at least 1 year)" : " (less than 1 year; 1 year on " + metFrom + ")");
        return new Condition(ConditionCode.ONE_YEAR_ACTIVE_GOLD, met, explanation, met ? null : metFrom,
                met ? run.get().end().minusDays(1) : null, run.get().eventIds());
    }

    private static Condition ccsm(LocalDate date, OrganisationHistory history) {
        LocalDate through = null;
        List<UUID> ids = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        LocalDate nextFrom = null;
        for (Employment employment : history.employments()) {
            for (Credential credential : history.credentials()) {
                if (!credential.professionalId().equals(employment.professionalId())) {
                    continue;
                }
                LocalDate from = max(employment.startedOn(), credential.validFrom());
                LocalDate until = employment.endedOn() == null ? credential.validUntil()
                        : min(employment.endedOn(), credential.validUntil());
                if (employment.employedOn(date) && credential.validOn(date)) {
                    ids.add(employment.startEventId());
                    ids.add(credential.eventId());
                    // the credential names the holder publicly; the professional's own id is personal data
                    holders.add(credential.credentialId());
                    LocalDate last = until.minusDays(1);
                    through = through == null || last.isAfter(through) ? last : through;
                } else if (from.isAfter(date) && from.isBefore(until)) {
                    nextFrom = nextFrom == null || from.isBefore(nextFrom) ? from : nextFrom;
                }
            }
        }
        if (!holders.isEmpty()) {
            return new Condition(ConditionCode.CCSM_EMPLOYED, true, "employs a Certified Customer Service Manager: "
                    + String.join(", ", holders), null, through, List.copyOf(new LinkedHashSet<>(ids)));
        }
        String why = history.employments().stream().anyMatch(e -> e.employedOn(date))
                ? "no one it employs holds a CCSM credential valid on this date"
                : "employs no Certified Customer Service Manager on this date";
        return new Condition(ConditionCode.CCSM_EMPLOYED, false, why, nextFrom, null, List.of());
    }

    private static Condition isea(LocalDate date, OrganisationHistory history) {
        List<Award> recent = history.awards().stream()
                .filter(a -> a.wonOn().isAfter(date.minusYears(4)) && !a.wonOn().isAfter(date)).toList();
        if (!recent.isEmpty()) {
            Award latest = recent.get(recent.size() - 1);
            return new Condition(ConditionCode.ISEA_WITHIN_FOUR_YEARS, true, "won the ISEA " + latest.seasonYear()
                    + " (" + latest.category() + ") on " + latest.wonOn(), null,
                    latest.wonOn().plusYears(4).minusDays(1), recent.stream().map(Award::eventId).toList());
        }
        Optional<Award> last = history.awards().stream().filter(a -> !a.wonOn().isAfter(date)).reduce((a, b) -> b);
        LocalDate next = history.awards().stream().map(Award::wonOn).filter(d -> d.isAfter(date)).findFirst()
                .orElse(null);
        return new Condition(ConditionCode.ISEA_WITHIN_FOUR_YEARS, false, last
                .map(a -> "its last ISEA win, on " + a.wonOn() + ", is more than 4 years before this date")
                .orElse("no ISEA win in the 4 years up to this date"), next, null, List.of());
    }

    private Condition launched(LocalDate date) {
        boolean met = !date.isBefore(launch);
        return new Condition(ConditionCode.AFTER_PLATINUM_LAUNCH, met, met ? "Platinum exists since " + launch
                : "Platinum was launched on " + launch, met ? null : launch, null, List.of());
    }

    /** The latest certificate awarded on or before {@code date}: the one that decides the standing. */
    static Optional<Certificate> currentCertificate(OrganisationHistory history, LocalDate date) {
        return history.certificates().stream().filter(c -> !c.awardedOn().isAfter(date)).reduce((a, b) -> b);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
