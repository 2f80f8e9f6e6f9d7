package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.HistoryReader.HistoryEntry;
import org.icss.ledger.registry.query.registry.SearchReader.SearchQuery;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icss.ledger.registry.query.registry.Events.RECORDED;

/** The registry projection fed events directly, against its real tables, without Spring. */
@ExtendWith(LedgerInfrastructureExtension.class)
class RegistryProjectionTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final LocalDate TODAY = ReadModels.TODAY;

    private ReadModels models;
    private ReadModels.Readers reader;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        models = new ReadModels(infra, "registry_projection");
        reader = models.reader;
    }

    @Test
    void goldIsShownFromTheAwardDateUntilTheDayBeforeValidUntil() {
        models.feed(registered(), Events.gold("org-1", "ICSS-G-2025-AAAAAAAAAA", LocalDate.of(2025, 3, 14), RECORDED));

        assertThat(tierOn("2025-03-13")).isEqualTo(Tier.NONE);
        assertThat(tierOn("2025-03-14")).isEqualTo(Tier.GOLD);
        assertThat(tierOn("2028-03-13")).isEqualTo(Tier.GOLD);
        var expired = reader.standing("org-1", LocalDate.of(2028, 3, 14), null).orElseThrow().standing();
        assertThat(expired.tier()).isEqualTo(Tier.NONE);
        assertThat(expired.status()).hasToString("EXPIRED");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        OrganisationRegistered registered = registered();
        GoldAwarded gold = Events.gold("org-1", "ICSS-G-2025-BBBBBBBBBB", LocalDate.of(2025, 3, 14), RECORDED);
        HealthCheckPassed check = new HealthCheckPassed(ORG, UUID.randomUUID(), LocalDate.of(2026, 3, 1), RECORDED,
                MemberBody.CSIAU, "hc-1");
        AwardWon award = Events.isea("org-1", LocalDate.of(2025, 11, 8));

        models.feed(registered, gold, check, award);
        models.feed(registered, gold, check, award);

        assertThat(reader.history("org-1", null).orElseThrow()).extracting(HistoryEntry::eventType)
                .containsExactly("OrganisationRegistered", "GoldAwarded", "AwardWon", "HealthCheckPassed");
        assertThat(reader.standing("org-1", TODAY, null).orElseThrow().awards()).hasSize(1);
        assertThat(models.jdbc.queryForObject("SELECT count(*) FROM registry_g1.certificate", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aRevokedAwardNoLongerCountsAndASuspensionShowsAsSuch() {
        GoldAwarded gold = Events.gold("org-1", "ICSS-G-2025-CCCCCCCCCC", LocalDate.of(2025, 3, 14), RECORDED);
        models.feed(registered(), gold, new CertificationSuspended(ORG, UUID.randomUUID(), LocalDate.of(2025, 9, 1),
                RECORDED, gold.certificateNumber(), CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "h1"));

        var suspended = reader.standing("org-1", LocalDate.of(2025, 10, 1), null).orElseThrow().standing();
        assertThat(suspended.tier()).isEqualTo(Tier.GOLD);
        assertThat(suspended.status()).hasToString("SUSPENDED");

        models.feed(Events.revoked(gold, RECORDED.plusSeconds(60)));

        var revoked = reader.standing("org-1", LocalDate.of(2025, 10, 1), null).orElseThrow().standing();
        assertThat(revoked.tier()).isEqualTo(Tier.NONE);
        assertThat(revoked.certificate()).isNull();
        assertThat(reader.certificate("ICSS-G-2025-CCCCCCCCCC", TODAY, null)).isEmpty();
    }

    @Test
    void aCorrectionRecordedLaterChangesKnownAtAnswersAfterItNotBefore() {
        Instant auditRecorded = Instant.parse("2025-03-15T10:00:00Z");
        Instant correctionRecorded = Instant.parse("2025-08-01T10:00:00Z");
        LocalDate auditedOn = LocalDate.of(2025, 3, 14);
        GoldAwarded gold = Events.gold("org-1", "ICSS-G-2025-DDDDDDDDDD", auditedOn, auditRecorded);
        models.feed(registered(), Events.audit("org-1", "a1", auditedOn, auditRecorded), gold,
                Events.correction("org-1", "a1", auditedOn, correctionRecorded),
                Events.revoked(gold, correctionRecorded),
                Events.certified("org-1", "ICSS-C-2025-DDDDDDDDDD", auditedOn, correctionRecorded));
        LocalDate asOf = LocalDate.of(2025, 6, 1);

        assertThat(tierKnownAt(asOf, correctionRecorded.minusMillis(1))).isEqualTo(Tier.GOLD);
        assertThat(tierKnownAt(asOf, correctionRecorded)).isEqualTo(Tier.CERTIFIED);
        assertThat(tierKnownAt(asOf, null)).isEqualTo(Tier.CERTIFIED);
        // before the audit was recorded the ledger knew of no certificate at all
        assertThat(tierKnownAt(asOf, auditRecorded.minusSeconds(1))).isEqualTo(Tier.NONE);
        // a certificate revoked later verifies as it was known before the revocation
        assertThat(reader.certificate("ICSS-G-2025-DDDDDDDDDD", asOf, correctionRecorded.minusMillis(1)))
                .hasValueSatisfying(c -> assertThat(c.status()).hasValueSatisfying(s -> assertThat(s)
                        .hasToString("ACTIVE")));
        assertThat(reader.certificate("ICSS-G-2025-DDDDDDDDDD", asOf, correctionRecorded)).isEmpty();
        // the history known before the correction has neither the correction nor the revocation
        assertThat(reader.history("org-1", correctionRecorded.minusMillis(1)).orElseThrow())
                .extracting(HistoryEntry::eventType).containsExactly("OrganisationRegistered", "AuditScored",
                        "GoldAwarded");
    }

    @Test
    void asOfBeforeTheFirstAuditAnswersNone() {
        models.feed(registered(), Events.gold("org-1", "ICSS-G-2025-EEEEEEEEEE", LocalDate.of(2025, 3, 14),
                RECORDED));

        var before = reader.standing("org-1", LocalDate.of(2016, 1, 1), null).orElseThrow();
        assertThat(before.standing().tier()).isEqualTo(Tier.NONE);
        assertThat(before.standing().status()).isNull();
        assertThat(before.standing().certificate()).isNull();
    }

    @Test
    void theHistoryNamesTheEventsThatCausedEachChangeAndKeepsBothClocks() {
        Instant late = Instant.parse("2026-11-20T12:00:00Z");
        GoldAwarded gold = Events.gold("org-1", "ICSS-G-2016-FFFFFFFFFF", LocalDate.of(2016, 5, 2), late);
        var audit = Events.audit("org-1", "audit-ICSS-G-2016-FFFFFFFFFF", LocalDate.of(2016, 5, 2), late);

        models.feed(registered(), audit, gold);

        HistoryEntry award = reader.history("org-1", null).orElseThrow().get(2);
        assertThat(award.eventType()).isEqualTo("GoldAwarded");
        assertThat(award.effectiveOn()).isEqualTo(LocalDate.of(2016, 5, 2));
        assertThat(award.recordedAt()).isEqualTo(late);
        assertThat(award.causedBy()).containsExactly(audit.eventId().toString());
    }

    @Test
    void searchIgnoresCaseAndAccentsFiltersByTierAndPagesInAStableOrder() {
        models.feed(Events.sampleRegistry());

        assertThat(search("zurich cafe", null, 0, 20)).containsExactly("Zürich Versicherung Café");
        assertThat(search("HARBOUR", null, 0, 20)).containsExactly("Harbour Bank");
        assertThat(search(null, Tier.PLATINUM, 0, 20)).containsExactly("Harbour Bank");
        assertThat(search(null, Tier.GOLD, 0, 20)).containsExactly("Kowloon Telecom");
        assertThat(search(null, Tier.NONE, 0, 20)).containsExactly("Athens Ferries");
        assertThat(search("bank", Tier.NONE, 0, 20)).isEmpty();
        assertThat(reader.search(new SearchQuery(null, null, null, Tier.CERTIFIED, null, TODAY, 0, 20)).total())
                .isEqualTo(1);
        assertThat(reader.search(new SearchQuery("zurich", null, null, null,
                org.icss.ledger.events.CertificateStatus.ACTIVE, TODAY, 0, 20)).total()).isEqualTo(1);
        assertThat(search(null, null, 0, 2)).containsExactly("Athens Ferries", "Harbour Bank");
        assertThat(search(null, null, 1, 2)).containsExactly("Kowloon Telecom", "Zürich Versicherung Café");
        // a word in several names: its matches in name order, page after page
        assertThat(search("e", null, 0, 2)).containsExactly("Athens Ferries", "Kowloon Telecom");
        assertThat(search("e", null, 1, 2)).containsExactly("Zürich Versicherung Café");
        assertThat(reader.search(new SearchQuery(null, "gr", null, null, null, TODAY, 0, 20)).total()).isEqualTo(1);
    }

    @Test
    void searchTodayFromTheKeptAnswersFindsWhatThePeriodsFind() {
        models.feed(Events.sampleRegistry());
        String schema = models.generations.currentSchema();
        // every answer holds today and keeps its tier: search reads these rows
        assertThat(models.jdbc.queryForObject("SELECT count(*) FROM " + schema + ".standing WHERE tier IS NULL "
                + "OR changes_on <= ?", Long.class, java.sql.Date.valueOf(TODAY))).isZero();
        List<List<String>> fromAnswers = everySearch();
        assertThat(fromAnswers.stream().mapToInt(List::size).sum()).isPositive();

        // an answer that ran out (the background not yet round after midnight): search reads the periods instead
        models.jdbc.update("UPDATE " + schema + ".standing SET changes_on = ? WHERE organisation_id = "
                + "(SELECT min(organisation_id) FROM " + schema + ".standing)", java.sql.Date.valueOf(TODAY));
        models.jdbc.update("UPDATE " + schema + ".standing SET tier = 'NONE', status = NULL");

        assertThat(everySearch()).isEqualTo(fromAnswers);
    }

    /** Every tier and status filter today, as organisation id, tier, status and certificate of each hit. */
    private List<List<String>> everySearch() {
        List<List<String>> found = new java.util.ArrayList<>();
        List<Tier> tiers = new java.util.ArrayList<>(java.util.Arrays.asList(Tier.values()));
        tiers.add(null);
        List<org.icss.ledger.events.CertificateStatus> statuses = new java.util.ArrayList<>(
                java.util.Arrays.asList(org.icss.ledger.events.CertificateStatus.values()));
        statuses.add(null);
        for (Tier tier : tiers) {
            for (org.icss.ledger.events.CertificateStatus status : statuses) {
                var result = reader.search(new SearchQuery(null, null, null, tier, status, TODAY, 0, 100));
                found.add(List.of(tier + "/" + status, String.valueOf(result.total())));
                result.items().forEach(hit -> found.add(List.of(hit.organisation().organisationId(),
                        hit.tier().name(), String.valueOf(hit.status()), String.valueOf(hit.certificateNumber()))));
            }
        }
        return found;
    }

    @Test
    void thePlatinumListUsesThePlatinumPolicy() {
        models.feed(Events.sampleRegistry());

        assertThat(reader.platinum(TODAY, null)).extracting(s -> s.organisation().name())
                .containsExactly("Harbour Bank");
        // before the ISEA win of 2025-11-08 it was Gold, not Platinum
        assertThat(reader.platinum(LocalDate.of(2025, 11, 7), null)).isEmpty();
        var standing = reader.standing("org-platinum", LocalDate.of(2025, 11, 7), null).orElseThrow().standing();
        assertThat(standing.platinum().missing()).extracting(PlatinumPolicy.Condition::code)
                .containsExactly(PlatinumPolicy.ConditionCode.ISEA_WITHIN_FOUR_YEARS);
        assertThat(standing.platinum().condition(PlatinumPolicy.ConditionCode.ISEA_WITHIN_FOUR_YEARS).metFrom())
                .isEqualTo(LocalDate.of(2025, 11, 8));
    }

    private java.util.List<String> search(String q, Tier tier, int page, int size) {
        return reader.search(new SearchQuery(q, null, null, tier, null, TODAY, page, size)).items().stream()
                .map(hit -> hit.organisation().name()).toList();
    }

    private Tier tierOn(String date) {
        return reader.standing("org-1", LocalDate.parse(date), null).orElseThrow().standing().tier();
    }

    @Test
    void namesWhoseFoldedCopyGrowsTheMostAreStoredAndFound() {
        String hangul = "\uB620".repeat(200);
        String dotted = "\u0130".repeat(200);
        models.feed(new OrganisationRegistered(new OrganisationId("org-hangul"), UUID.randomUUID(),
                        LocalDate.of(2020, 1, 1), RECORDED, MemberBody.HKCSC, hangul, "HK"),
                new OrganisationRegistered(new OrganisationId("org-dotted"), UUID.randomUUID(),
                        LocalDate.of(2020, 1, 1), RECORDED, MemberBody.APCSC, dotted, "TR"));

        assertThat(reader.search(new SearchQuery("\uB620\uB620", null, null, null, null, TODAY, 0, 10)).total())
                .isEqualTo(1);
        assertThat(reader.search(new SearchQuery("iii", "TR", null, null, null, TODAY, 0, 10)).total())
                .isEqualTo(1);
    }

    @Test
    void todaysKeptAnswerIsTheAnswerWorkedOutFromTheHistoryForEveryOrganisation() {
        models.feed(Events.sampleRegistry());
        StandingPolicy policy = new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1)));
        String schema = models.generations.currentSchema();

        for (String id : models.jdbc.queryForList("SELECT organisation_id FROM " + schema + ".organisation",
                String.class)) {
            var kept = reader.standings().current(id).map(reader.standings()::decode).orElseThrow();
            OrganisationHistory history = models.histories.histories(schema, java.util.List.of(id),
                    Histories.END_OF_TIME).get(id);
            assertThat(kept.standing()).as(id).isEqualTo(policy.standingOn(TODAY, history));
            assertThat(kept.awards()).as(id).isEqualTo(StandingReader.awards(history, TODAY));
        }
    }

    @Test
    void anEventAboutAnOrganisationIsInItsNextAnswerEvenBeforeTheBackgroundComputesIt() {
        GoldAwarded gold = Events.gold("org-1", "ICSS-G-2025-EEEEEEEEEE", LocalDate.of(2025, 3, 14), RECORDED);
        models.feed(registered(), gold);
        var before = reader.standings().current("org-1").orElseThrow();
        assertThat(reader.standings().decode(before).standing().status()).hasToString("ACTIVE");

        // the live projection alone, as if the background had not run yet
        new org.springframework.transaction.support.TransactionTemplate(models.transactions).executeWithoutResult(
                status -> models.projection.on(new CertificationSuspended(ORG, UUID.randomUUID(),
                        LocalDate.of(2026, 5, 1), RECORDED, gold.certificateNumber(),
                        CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "h1")));

        var after = reader.standings().current("org-1").orElseThrow();
        assertThat(reader.standings().decode(after).standing().status()).hasToString("SUSPENDED");
        assertThat(after.tag()).isNotEqualTo(before.tag());
        assertThat(reader.search(new SearchQuery(null, null, null, null,
                org.icss.ledger.events.CertificateStatus.SUSPENDED, TODAY, 0, 10)).total()).isEqualTo(1);
    }

    @Test
    void answersKeptInAnOlderFormatAreComputedAgainAfterARestartAndOthersAreKept() {
        models.feed(Events.sampleRegistry());
        String schema = models.generations.currentSchema();
        String dirty = "SELECT count(*) FROM " + schema + ".standing WHERE dirty";

        new Generations(models.jdbc, models.transactions);  // a restart of the same version
        assertThat(models.jdbc.queryForObject(dirty, Integer.class)).isZero();

        models.jdbc.update("UPDATE " + schema + ".standing_format SET format = format - 1");
        new Generations(models.jdbc, models.transactions);  // a version whose answers read differently
        assertThat(models.jdbc.queryForObject(dirty, Integer.class)).isEqualTo(4);
        assertThat(reader.standing("org-platinum", TODAY, null).orElseThrow().standing().tier())
                .isEqualTo(Tier.PLATINUM);
    }

    @Test
    void aKeptAnswerThisVersionCannotReadIsWorkedOutFromTheHistory() {
        models.feed(Events.sampleRegistry());
        String schema = models.generations.currentSchema();
        models.jdbc.update("UPDATE " + schema + ".standing SET answer = '{\"standing\": \"from elsewhere\"}' "
                + "WHERE organisation_id = 'org-platinum'");

        assertThat(reader.standing("org-platinum", TODAY, null).orElseThrow().standing().tier())
                .isEqualTo(Tier.PLATINUM);
    }

    @Test
    void fullWidthFormsAreFoundByTheirUsualForms() {
        models.feed(new OrganisationRegistered(new OrganisationId("org-wide"), UUID.randomUUID(),
                LocalDate.of(2020, 1, 1), RECORDED, MemberBody.HKCSC, "SECURE Pay", "HK"));

        assertThat(reader.search(new SearchQuery("\uFF33\uFF25\uFF23", null, null, null, null, TODAY, 0, 10))
                .total()).isEqualTo(1);
        assertThat(reader.search(new SearchQuery("sec\u3000pay", null, null, null, null, TODAY, 0, 10)).total())
                .isEqualTo(1);
    }

    private Tier tierKnownAt(LocalDate asOf, Instant knownAt) {
        return reader.standing("org-1", asOf, knownAt).orElseThrow().standing().tier();
    }

    private static OrganisationRegistered registered() {
        return new OrganisationRegistered(ORG, UUID.nameUUIDFromBytes("reg".getBytes()), LocalDate.of(2015, 1, 1),
                Instant.parse("2015-01-01T00:00:00Z"), MemberBody.CSIAU, "Harbour Bank", "AU");
    }
}
