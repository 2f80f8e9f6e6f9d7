package org.icss.ledger.bench;

import org.icss.ledger.events.AttributeCode;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.CertificationRules;
import org.icss.ledger.rules.Change;
import org.icss.ledger.rules.HealthCheckReport;
import org.icss.ledger.rules.LifecyclePolicy;
import org.icss.ledger.rules.TierPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Realistic 2015-2026 histories of registered organisations, as the real services would have published them while
 * living through those years: audit-service's registration, audits and health checks; certification-service's
 * announcements, derived from those reports with ledger-rules' {@link LifecyclePolicy} (the same pure function the
 * {@code Certification} aggregate plays, with the same event ids: a change announced once, emission 0); CCSM
 * professionals with credentials and employments; ISEA wins from awards-service. About 4 % of the organisations
 * keep an unbroken Gold record with a CCSM on staff and a recent ISEA win, so that many of them are Platinum today.
 * <p>
 * Deterministic: organisation {@code i} of a given seed always gets the same history, so a larger registry is the
 * smaller one plus more organisations. {@code recordedAt} is the business date at office hours (a report) or a
 * few seconds later (the changes it causes), or just after midnight the next day for changes that fall due by
 * themselves (missed health checks, withdrawals, expiries), as certification-service's daily advance announces them.
 */
final class Histories {

    /** One organisation's events, per publishing service, each list in the order it was published. */
    record History(OrganisationId id, String name, String country, MemberBody memberBody,
                   List<LedgerEvent> audit, List<LedgerEvent> certification, List<LedgerEvent> awards,
                   List<CertificateNumber> certificates, List<String> nameWords) {
        int events() {
            return audit.size() + certification.size() + awards.size();
        }
    }

    private static final LocalDate START = LocalDate.of(2015, 1, 1);
    private static final LocalDate VERSION_2020 = LocalDate.of(2020, 1, 1);
    static final Map<MemberBody, List<String>> COUNTRIES = Map.of(
            MemberBody.APCSC, List.of("SG", "MY", "TH", "PH", "ID", "VN", "IN", "JP"),
            MemberBody.HKCSC, List.of("HK", "MO", "CN"),
            MemberBody.CSIA, List.of("US", "CA", "MX"),
            MemberBody.HICS, List.of("GR", "CY"),
            MemberBody.CSIAU, List.of("AU", "NZ", "FJ"));
    /** name words; accented and Greek ones too, so that the registry's folded-name search is exercised */
    static final List<String> FIRST = List.of("Harbourside", "Pacific", "Northern", "Golden", "Summit", "Crédit",
            "Café", "Zürich", "Ørsted", "Ελληνική", "Evergreen", "Silverline", "Bluewater", "Redwood", "Kowloon",
            "Aegean", "Southern", "Coastal", "Metro", "Highland", "Lotus", "Sunrise", "Meridian", "Pioneer");
    static final List<String> SECOND = List.of("Credit", "Telecom", "Insurance", "Logistics", "Energy", "Health",
            "Retail", "Banking", "Water", "Transit", "Airways", "Hotels", "Services", "Utilities", "Software",
            "Mutual", "Foods", "Motors", "Travel", "Pharmacy");
    static final List<String> THIRD = List.of("Union", "Group", "Limited", "Holdings", "Co-operative", "Partners",
            "Authority", "Council", "Company", "Trust");
    private static final List<String> ISEA_CATEGORIES = List.of("Customer Service Team of the Year",
            "Contact Centre of the Year", "Customer Experience Innovation", "Service Leadership",
            "Digital Service Excellence");

    private final long seed;
    private final LocalDate yesterday;
    private final Instant now;
    private final CertificationRules rules;
    private final Map<StandardVersion, List<String>> attributes = new HashMap<>();

    Histories(long seed, LocalDate today, Instant now, CertificationRules rules) {
        this.seed = seed;
        this.yesterday = today.minusDays(1);
        this.now = now;
        this.rules = rules;
        StandardsCatalogue catalogue = StandardsCatalogue.shipped();
        for (StandardVersion version : List.of(StandardVersion.ICSS_2015_2020, StandardVersion.ICSS_2020_2025)) {
            TreeSet<String> codes = new TreeSet<>();
            for (AttributeCode code : catalogue.find(version).orElseThrow().attributeCodes()) {
                codes.add(code.code());
            }
            attributes.put(version, List.copyOf(codes));
        }
    }

    private UUID uuid(int index, String what) {
        return UUID.nameUUIDFromBytes(("icss-bench-scale|" + seed + "|" + index + "|" + what)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The history of organisation {@code index}. */
    History organisation(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        OrganisationId id = new OrganisationId(uuid(index, "organisation").toString());
        MemberBody body = MemberBody.values()[index % MemberBody.values().length];
        List<String> countries = COUNTRIES.get(body);
        String country = countries.get(random.nextInt(countries.size()));
        List<String> words = List.of(FIRST.get(random.nextInt(FIRST.size())),
                SECOND.get(random.nextInt(SECOND.size())), THIRD.get(random.nextInt(THIRD.size())));
        String name = String.join(" ", words);
        boolean platinumTrack = random.nextDouble() < 0.04;
        // registrations lean towards the early years; the last one a year before today
        long span = START.until(yesterday.minusYears(1), java.time.temporal.ChronoUnit.DAYS);
        LocalDate registeredOn = START.plusDays(Math.min(random.nextLong(span), random.nextLong(span)));

        List<AuditReport> audits = new ArrayList<>();
        List<HealthCheckReport> checks = new ArrayList<>();
        Map<String, String> failReasons = new HashMap<>();
        LocalDate next = registeredOn.plusDays(30 + random.nextInt(150));
        AuditType type = AuditType.CERTIFICATION;
        int auditNo = 0;
        int checkNo = 0;
        while (!next.isAfter(yesterday)) {
            StandardVersion version = next.isBefore(VERSION_2020) ? StandardVersion.ICSS_2015_2020
                    : StandardVersion.ICSS_2020_2025;
            double profile = platinumTrack ? 0 : random.nextDouble();
            Map<String, Integer> scores = scores(random, version, profile < 0.65 ? 6 : profile < 0.9 ? 4 : 0);
            audits.add(new AuditReport(uuid(index, "audit-" + auditNo++).toString(), next, version, type, scores,
                    0));
            if (TierPolicy.awardFor(type, scores, rules).isEmpty()) {
                next = next.plusDays(60 + random.nextInt(120)); // tries again
                type = AuditType.CERTIFICATION;
                continue;
            }
            LocalDate awardedOn = next;
            for (int year = 1; year <= 2; year++) {
                LocalDate anniversary = awardedOn.plusYears(year);
                double draw = platinumTrack ? 0 : random.nextDouble();
                LocalDate checkedOn;
                if (draw < 0.85) {
                    checkedOn = anniversary.plusDays(random.nextInt(61) - 30);
                    add(checks, failReasons, index, checkNo++, checkedOn, true, null);
                } else if (draw < 0.93) {
                    checkedOn = anniversary.plusDays(random.nextInt(41) - 20);
                    add(checks, failReasons, index, checkNo++, checkedOn, false, "complaints backlog over target");
                    if (random.nextDouble() < 0.6) { // passed again within the suspension limit: reinstated
                        add(checks, failReasons, index, checkNo++, checkedOn.plusDays(30 + random.nextInt(120)),
                                true, null);
                    }
                } else if (random.nextDouble() < 0.5) { // missed: suspended, then a late check reinstates
                    add(checks, failReasons, index, checkNo++, anniversary.plusDays(91 + 20 + random.nextInt(130)),
                            true, null);
                }
            }
            if (!platinumTrack && random.nextDouble() < 0.12) {
                break; // stops certifying: the certificate expires (or is withdrawn)
            }
            next = platinumTrack || random.nextDouble() < 0.8
                    ? awardedOn.plusYears(3).minusDays(10 + random.nextInt(50)) // re-certified before expiry
                    : awardedOn.plusYears(3).plusDays(20 + random.nextInt(200)); // after a gap
            type = AuditType.RECERTIFICATION;
        }
        checks.removeIf(check -> check.checkedOn().isAfter(yesterday));

        // received in business-date order (audits before checks on one day), as a member body posting live would
        List<Object> reports = new ArrayList<>(audits);
        reports.addAll(checks);
        reports.sort(Comparator.comparing(Histories::dateOf).thenComparingInt(r -> r instanceof AuditReport ? 0 : 1));
        List<AuditReport> sequencedAudits = new ArrayList<>();
        List<HealthCheckReport> sequencedChecks = new ArrayList<>();
        Map<String, Instant> reportRecordedAt = new HashMap<>();
        List<LedgerEvent> auditEvents = new ArrayList<>();
        Instant registeredAt = at(registeredOn, LocalTime.of(8, 0).plusSeconds(random.nextInt(3600)));
        auditEvents.add(new OrganisationRegistered(id, EventIds.of(OrganisationRegistered.class, id.value()),
                registeredOn, registeredAt, body, name, country));
        long sequence = 0;
        for (Object report : reports) {
            Instant recordedAt = at(dateOf(report), LocalTime.of(9, 0).plusSeconds(random.nextInt(8 * 3600)));
            if (report instanceof AuditReport a) {
                AuditReport sequenced = new AuditReport(a.auditId(), a.auditedOn(), a.standard(), a.type(),
                        a.scores(), sequence++);
                sequencedAudits.add(sequenced);
                reportRecordedAt.put(a.auditId(), recordedAt);
                auditEvents.add(new AuditScored(id, EventIds.of(AuditScored.class, id.value(), a.auditId()),
                        a.auditedOn(), recordedAt, body, a.auditId(), a.standard(), a.type(),
                        "Assessor " + (char) ('A' + random.nextInt(26)), a.scores()));
            } else {
                HealthCheckReport c = (HealthCheckReport) report;
                sequencedChecks.add(new HealthCheckReport(c.healthCheckId(), c.checkedOn(), c.passed(), sequence++));
                reportRecordedAt.put(c.healthCheckId(), recordedAt);
                auditEvents.add(c.passed()
                        ? new HealthCheckPassed(id, EventIds.of(HealthCheckPassed.class, id.value(),
                        c.healthCheckId()), c.checkedOn(), recordedAt, body, c.healthCheckId())
                        : new HealthCheckFailed(id, EventIds.of(HealthCheckFailed.class, id.value(),
                        c.healthCheckId()), c.checkedOn(), recordedAt, body, c.healthCheckId(),
                        failReasons.get(c.healthCheckId())));
            }
        }

        // certification-service: the timeline of those reports through yesterday, each change announced once
        List<Change> changes = LifecyclePolicy.timeline(id, sequencedAudits, sequencedChecks, yesterday, rules);
        Map<CertificateNumber, Instant> awardedAt = new HashMap<>();
        for (Change change : changes) {
            if (change instanceof Change.Awarded awarded) {
                awardedAt.put(awarded.certificate(), reportRecordedAt.get(awarded.auditId()));
            }
        }
        List<LedgerEvent> certificationEvents = new ArrayList<>();
        List<CertificateNumber> certificates = new ArrayList<>();
        for (Change change : changes) {
            Instant recordedAt = recordedAtOf(change, reportRecordedAt, awardedAt, random);
            OrganisationEvent event = announce(id, change, recordedAt);
            certificationEvents.add(event);
            if (change instanceof Change.Awarded awarded) {
                certificates.add(awarded.certificate());
            }
        }

        List<LedgerEvent> awardEvents = new ArrayList<>();
        Change.Awarded lastGold = null;
        for (Change change : changes) {
            if (change instanceof Change.Awarded awarded && awarded.tier() == Tier.GOLD) {
                lastGold = awarded;
            }
        }
        boolean staffed = lastGold != null && (platinumTrack || random.nextDouble() < 0.06);
        if (staffed) {
            professional(index, id, random, platinumTrack, registeredOn, lastGold.on(), certificationEvents);
        }
        if (lastGold != null && (platinumTrack || random.nextDouble() < 0.05)) {
            LocalDate wonOn = platinumTrack
                    ? latest(lastGold.on(), yesterday.minusDays(random.nextInt(3 * 365)))
                    : lastGold.on().plusDays(random.nextInt(365));
            if (!wonOn.isAfter(yesterday)) {
                String awardId = uuid(index, "award").toString();
                awardEvents.add(new AwardWon(id, EventIds.of(AwardWon.class, id.value(), awardId), wonOn,
                        at(wonOn, LocalTime.of(14, 0)), awardId, wonOn.getYear(),
                        ISEA_CATEGORIES.get(random.nextInt(ISEA_CATEGORIES.size()))));
            }
        }
        certificationEvents.sort(Comparator.comparing(LedgerEvent::recordedAt));
        return new History(id, name, country, body, auditEvents, certificationEvents, awardEvents, certificates,
                words);
    }

    /** A CCSM holder employed by the organisation: credentials renewed every 3 years, sometimes an ended job. */
    private void professional(int index, OrganisationId org, Random random, boolean keep, LocalDate registeredOn,
                              LocalDate goldOn, List<LedgerEvent> out) {
        ProfessionalId person = new ProfessionalId(uuid(index, "professional").toString());
        LocalDate certifiedOn = latest(START, goldOn.minusDays(random.nextInt(2 * 365)));
        int credential = 0;
        LocalDate validUntil = certifiedOn.plusYears(3);
        while (true) {
            String credentialId = String.format("CCSM-%08d", index * 10 + credential);
            out.add(new ProfessionalCertified(person, EventIds.of(ProfessionalCertified.class, person.value(),
                    credentialId), certifiedOn, at(certifiedOn, LocalTime.of(11, 0)), credentialId, validUntil));
            if (validUntil.isAfter(yesterday) || credential >= 8 || (!keep && random.nextDouble() < 0.3)) {
                break;
            }
            credential++;
            certifiedOn = validUntil.minusDays(random.nextInt(60));
            validUntil = certifiedOn.plusYears(3);
        }
        LocalDate startedOn = latest(registeredOn, goldOn.minusDays(random.nextInt(400)));
        if (startedOn.isAfter(yesterday)) {
            return;
        }
        String employmentId = uuid(index, "employment").toString();
        out.add(new EmploymentStarted(org, EventIds.of(EmploymentStarted.class, person.value(), employmentId),
                startedOn, at(startedOn, LocalTime.of(12, 0)), person, employmentId));
        if (!keep && random.nextDouble() < 0.3) {
            LocalDate endedOn = startedOn.plusDays(200 + random.nextInt(1500));
            if (!endedOn.isAfter(yesterday)) {
                out.add(new EmploymentEnded(org, EventIds.of(EmploymentEnded.class, person.value(), employmentId),
                        endedOn, at(endedOn, LocalTime.of(12, 0)), person, employmentId));
            }
        }
    }

    /**
     * certification-service's announcement of {@code change}: the same event type and id as its
     * {@code ChangeEvents.announce} for a change announced for the first time.
     */
    static OrganisationEvent announce(OrganisationId org, Change change, Instant recordedAt) {
        return change.accept(new Change.Visitor<OrganisationEvent>() {
            private UUID id(Class<? extends OrganisationEvent> type) {
                return EventIds.of(type, org.value(), change.toString(), "0");
            }

            @Override
            public OrganisationEvent awarded(Change.Awarded a) {
                return a.tier() == Tier.GOLD
                        ? new GoldAwarded(org, id(GoldAwarded.class), a.on(), recordedAt, a.certificate(),
                        a.standard(), a.validUntil(), a.auditId())
                        : new CertificationGranted(org, id(CertificationGranted.class), a.on(), recordedAt,
                        a.certificate(), a.standard(), a.validUntil(), a.auditId());
            }

            @Override
            public OrganisationEvent superseded(Change.Superseded s) {
                return new CertificateSuperseded(org, id(CertificateSuperseded.class), s.on(), recordedAt,
                        s.certificate(), s.by());
            }

            @Override
            public OrganisationEvent suspended(Change.Suspended s) {
                return new CertificationSuspended(org, id(CertificationSuspended.class), s.on(), recordedAt,
                        s.certificate(), s.cause(), s.causeId());
            }

            @Override
            public OrganisationEvent reinstated(Change.Reinstated r) {
                return new CertificationReinstated(org, id(CertificationReinstated.class), r.on(), recordedAt,
                        r.certificate(), r.healthCheckId());
            }

            @Override
            public OrganisationEvent withdrawn(Change.Withdrawn w) {
                return new CertificationWithdrawn(org, id(CertificationWithdrawn.class), w.on(), recordedAt,
                        w.certificate());
            }

            @Override
            public OrganisationEvent expired(Change.Expired e) {
                return new CertificationExpired(org, id(CertificationExpired.class), e.on(), recordedAt,
                        e.certificate());
            }
        });
    }

    /**
     * When certification-service announced {@code change}: a few seconds after the report that caused it (an award,
     * its supersession, a failed check's suspension, a reinstatement), or at the daily advance just after midnight
     * following a change that fell due by itself.
     */
    private Instant recordedAtOf(Change change, Map<String, Instant> reports, Map<CertificateNumber, Instant> awards,
                                 Random random) {
        Instant cause = change.accept(new Change.Visitor<Instant>() {
            @Override
            public Instant awarded(Change.Awarded a) {
                return reports.get(a.auditId());
            }

            @Override
            public Instant superseded(Change.Superseded s) {
                return awards.get(s.by()); // announced with the award that replaced it
            }

            @Override
            public Instant suspended(Change.Suspended s) {
                return s.cause() == CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED
                        ? reports.get(s.causeId()) : null;
            }

            @Override
            public Instant reinstated(Change.Reinstated r) {
                return reports.get(r.healthCheckId());
            }

            @Override
            public Instant withdrawn(Change.Withdrawn w) {
                return null;
            }

            @Override
            public Instant expired(Change.Expired e) {
                return null;
            }
        });
        Instant at = cause != null ? cause.plusMillis(500 + random.nextInt(3000))
                : at(change.on().plusDays(1), LocalTime.of(0, 5).plusSeconds(random.nextInt(600)));
        return at.isAfter(now) ? now : at;
    }

    private Map<String, Integer> scores(Random random, StandardVersion version, int floor) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        List<String> codes = attributes.get(version);
        for (String code : codes) {
            scores.put(code, Math.max(floor, 6) + random.nextInt(5) - (floor < 6 ? random.nextInt(2) : 0));
        }
        String weakest = codes.get(random.nextInt(codes.size()));
        if (floor == 4) {
            scores.put(weakest, 4 + random.nextInt(2)); // Certified, not Gold
        } else if (floor == 0) {
            scores.put(weakest, random.nextInt(4)); // no award
        }
        return scores;
    }

    private void add(List<HealthCheckReport> checks, Map<String, String> reasons, int index, int number,
                     LocalDate on, boolean passed, String reason) {
        String checkId = uuid(index, "check-" + number).toString();
        checks.add(new HealthCheckReport(checkId, on, passed, 0));
        if (reason != null) {
            reasons.put(checkId, reason);
        }
    }

    private static LocalDate dateOf(Object report) {
        return report instanceof AuditReport a ? a.auditedOn() : ((HealthCheckReport) report).checkedOn();
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).toInstant(ZoneOffset.UTC);
    }
}
