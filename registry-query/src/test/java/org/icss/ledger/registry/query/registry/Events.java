package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.events.StandardVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test histories as the services would publish them (ids name-based, so the same history gives the same ids). */
public final class Events {

    public static final Instant RECORDED = Instant.parse("2026-01-10T09:00:00Z");

    private Events() {
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    public static OrganisationRegistered registered(String org, String name, String country, MemberBody body) {
        return new OrganisationRegistered(new OrganisationId(org), id(org + "/registered"), LocalDate.of(2015, 1, 5),
                RECORDED, body, name, country);
    }

    public static AuditScored audit(String org, String auditId, LocalDate on, Instant recorded) {
        return new AuditScored(new OrganisationId(org), id(org + "/audit/" + auditId), on, recorded, MemberBody.CSIAU,
                auditId, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "R. Inspector", Map.of("SRV-01", 7));
    }

    public static AuditCorrected correction(String org, String auditId, LocalDate on, Instant recorded) {
        return new AuditCorrected(new OrganisationId(org), id(org + "/correction/" + auditId), on, recorded,
                MemberBody.CSIAU, auditId, "c-" + auditId, Map.of("SRV-01", 5), "score mistyped");
    }

    public static GoldAwarded gold(String org, String number, LocalDate on, Instant recorded) {
        return new GoldAwarded(new OrganisationId(org), id(org + "/gold/" + number), on, recorded,
                new CertificateNumber(number), StandardVersion.ICSS_2020_2025, on.plusYears(3), "audit-" + number);
    }

    public static CertificationGranted certified(String org, String number, LocalDate on, Instant recorded) {
        return new CertificationGranted(new OrganisationId(org), id(org + "/certified/" + number), on, recorded,
                new CertificateNumber(number), StandardVersion.ICSS_2020_2025, on.plusYears(3), "audit-" + number);
    }

    public static CertificationChangeRevoked revoked(GoldAwarded gold, Instant recorded) {
        return new CertificationChangeRevoked(gold.organisationId(), id(gold.eventId() + "/revoked"),
                gold.effectiveOn(), recorded, gold.certificateNumber(), gold.eventId(), "GoldAwarded");
    }

    public static AwardWon isea(String org, LocalDate on) {
        return new AwardWon(new OrganisationId(org), id(org + "/isea/" + on), on, RECORDED, "award-" + org + "-" + on,
                on.getYear(), "Contact Centre of the Year");
    }

    /** A CCSM credential from {@code from} for 3 years and an employment by {@code org} from {@code from}. */
    public static List<LedgerEvent> ccsm(String org, String professional, LocalDate from) {
        ProfessionalId person = new ProfessionalId(professional);
        return List.of(
                new ProfessionalCertified(person, id(professional + "/ccsm"), from, RECORDED, "CCSM-" + professional,
                        from.plusYears(3)),
                new EmploymentStarted(new OrganisationId(org), id(professional + "/employed/" + org), from, RECORDED,
                        person, "employment-" + professional));
    }

    /**
     * A small registry: a Platinum organisation (Gold since 2023-03-01, a CCSM, an ISEA in 2025), a Gold one that is
     * not Platinum, a Certified one with an accented name, and one with no certificate.
     */
    public static List<LedgerEvent> sampleRegistry() {
        List<LedgerEvent> events = new ArrayList<>();
        events.add(registered("org-platinum", "Harbour Bank", "AU", MemberBody.CSIAU));
        events.add(gold("org-platinum", "ICSS-G-2023-AAAAAAAAAA", LocalDate.of(2023, 3, 1), RECORDED));
        events.add(gold("org-platinum", "ICSS-G-2026-AAAAAAAAAB", LocalDate.of(2026, 2, 1), RECORDED));
        events.addAll(ccsm("org-platinum", "pro-ada", LocalDate.of(2024, 1, 15)));
        events.add(isea("org-platinum", LocalDate.of(2025, 11, 8)));
        events.add(registered("org-gold", "Kowloon Telecom", "HK", MemberBody.HKCSC));
        events.add(gold("org-gold", "ICSS-G-2025-BBBBBBBBBB", LocalDate.of(2025, 9, 1), RECORDED));
        events.add(registered("org-certified", "Zürich Versicherung Café", "CH", MemberBody.APCSC));
        events.add(certified("org-certified", "ICSS-C-2024-CCCCCCCCCC", LocalDate.of(2024, 4, 2), RECORDED));
        events.add(registered("org-none", "Athens Ferries", "GR", MemberBody.HICS));
        return events;
    }
}
