package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Audit histories for the report tests. The subject, Harbourside Credit Union (AU, CSIAU), has four audits: one on
 * ICSS:2015-2020 (2019) and three on ICSS:2020-2025 (2021, 2023, 2025), the last with management's expected
 * scores. Six more CSIAU organisations in Australia, and two elsewhere, give it peers.
 */
public final class ReportHistories {

    public static final String SUBJECT = "org-harbourside";
    public static final String HONG_KONG = "org-kowloon";
    public static final Instant RECORDED = Instant.parse("2026-01-10T09:00:00Z");
    private static final StandardsCatalogue CATALOGUE = StandardsCatalogue.shipped();

    private ReportHistories() {
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    public static OrganisationRegistered registered(String org, String name, String country, MemberBody body) {
        return new OrganisationRegistered(new OrganisationId(org), id(org + "/registered"), LocalDate.of(2015, 1, 5),
                RECORDED, body, name, country);
    }

    /** Every attribute of the version at {@code base}, with the given attributes changed. */
    public static Map<String, Integer> scores(StandardVersion version, int base, Map<String, Integer> changed) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        CATALOGUE.find(version).orElseThrow().attributes().forEach(a -> scores.put(a.code().code(), base));
        scores.putAll(changed);
        return scores;
    }

    public static AuditScored audit(String org, String auditId, LocalDate on, AuditType type,
                                    Map<String, Integer> scores, Map<String, Integer> expected) {
        StandardVersion version = on.isBefore(LocalDate.of(2020, 1, 1)) ? StandardVersion.ICSS_2015_2020
                : StandardVersion.ICSS_2020_2025;
        return new AuditScored(new OrganisationId(org), id(org + "/audit/" + auditId), on, RECORDED,
                MemberBody.CSIAU, auditId, version, type, "CSIAU assessor", scores, expected);
    }

    public static AuditCorrected correction(String org, String auditId, LocalDate on, Map<String, Integer> scores,
                                            Instant recorded) {
        return new AuditCorrected(new OrganisationId(org), id(org + "/correction/" + auditId + recorded), on,
                recorded, MemberBody.CSIAU, auditId, "c-" + auditId + recorded, scores, "transcription error");
    }

    public static AuditWithdrawn withdrawal(String org, String auditId, LocalDate on) {
        return new AuditWithdrawn(new OrganisationId(org), id(org + "/withdrawn/" + auditId), on, RECORDED,
                MemberBody.CSIAU, auditId, "audited the wrong site");
    }

    /** The subject's latest audit: 2025-03-10, ICSS:2020-2025, with expected scores. */
    public static final LocalDate LATEST = LocalDate.of(2025, 3, 10);

    public static List<LedgerEvent> sample() {
        StandardVersion v2020 = StandardVersion.ICSS_2020_2025;
        List<LedgerEvent> events = new ArrayList<>();
        events.add(registered(SUBJECT, "Harbourside Credit Union", "AU", MemberBody.CSIAU));
        events.add(audit(SUBJECT, "h-2019", LocalDate.of(2019, 3, 4), AuditType.CERTIFICATION,
                scores(StandardVersion.ICSS_2015_2020, 6, Map.of("SRV-01", 7)), Map.of()));
        events.add(audit(SUBJECT, "h-2021", LocalDate.of(2021, 3, 8), AuditType.ANNUAL,
                scores(v2020, 7, Map.of("OPS-03", 6)), Map.of()));
        events.add(audit(SUBJECT, "h-2023", LocalDate.of(2023, 3, 6), AuditType.RECERTIFICATION,
                scores(v2020, 8, Map.of("FIN-02", 9, "LRN-04", 8)), Map.of()));
        // 2025: SRV-03 fell 8 -> 5 (below Gold, fell, short of the expected 8); FIN-02 fell 9 -> 7; OPS-05 at 5
        events.add(audit(SUBJECT, "h-2025", LATEST, AuditType.ANNUAL,
                scores(v2020, 8, Map.of("SRV-03", 5, "FIN-02", 7, "OPS-05", 5, "LRN-04", 6, "LRN-01", 9)),
                Map.of("SRV-03", 8, "FIN-02", 8, "LRN-04", 9, "LRN-01", 8)));
        String[][] peers = {
                {"org-southern", "Southern Cross Insurance", "9"},
                {"org-koala", "Koala Energy", "8"},
                {"org-brisbane", "Brisbane Water Services", "7"},
                {"org-tasman", "Tasman Freight", "9"},
                {"org-perth", "Perth Health Fund", "6"},
                {"org-outback", "Outback Telecom", "8"}};
        for (String[] peer : peers) {
            events.add(registered(peer[0], peer[1], "AU", MemberBody.CSIAU));
            events.add(audit(peer[0], peer[0] + "-2024", LocalDate.of(2024, 5, 6), AuditType.CERTIFICATION,
                    scores(v2020, Integer.parseInt(peer[2]), Map.of("LRN-04", 9)), Map.of()));
        }
        events.add(registered(HONG_KONG, "Kowloon Telecom", "HK", MemberBody.HKCSC));
        events.add(audit(HONG_KONG, "k-2024", LocalDate.of(2024, 9, 2), AuditType.CERTIFICATION,
                scores(v2020, 9, Map.of()), Map.of()));
        // audited after the subject's latest audit: not in its benchmark
        events.add(registered("org-late", "Λεωφορεία & <Late> Bank", "AU", MemberBody.CSIAU));
        events.add(audit("org-late", "l-2025", LocalDate.of(2025, 9, 1), AuditType.CERTIFICATION,
                scores(v2020, 10, Map.of()), Map.of()));
        return events;
    }
}
