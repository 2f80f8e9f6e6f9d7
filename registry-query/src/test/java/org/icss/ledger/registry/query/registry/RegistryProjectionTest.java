package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.flywaydb.core.Flyway;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.icss.ledger.platform.ProcessedEvents;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry projection fed events directly, against its real tables, without Spring. */
@ExtendWith(LedgerInfrastructureExtension.class)
class RegistryProjectionTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2025-06-01T00:00:00Z");

    private RegistryProjection projection;
    private RegistryReader reader;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        String database = infra.createDatabase("registry_projection");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(infra.jdbcUrl(database), infra.username(),
                infra.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform", "classpath:db/registry-query")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new RegistryProjection(jdbc, new ProcessedEvents(jdbc),
                new ObjectMapper().registerModule(new JavaTimeModule()));
        reader = new RegistryReader(jdbc);
    }

    @Test
    void goldIsShownFromTheAwardDateUntilTheDayBeforeValidUntil() {
        feed(registered(), gold("ICSS-2025-AAAAAAAAAA", LocalDate.of(2025, 3, 14)));

        assertThat(reader.standing("org-1", LocalDate.of(2025, 3, 13)).orElseThrow().tier()).isEqualTo(Tier.NONE);
        assertThat(reader.standing("org-1", LocalDate.of(2025, 3, 14)).orElseThrow().tier()).isEqualTo(Tier.GOLD);
        assertThat(reader.standing("org-1", LocalDate.of(2028, 3, 13)).orElseThrow().tier()).isEqualTo(Tier.GOLD);
        RegistryReader.Standing expired = reader.standing("org-1", LocalDate.of(2028, 3, 14)).orElseThrow();
        assertThat(expired.tier()).isEqualTo(Tier.NONE);
        assertThat(expired.status()).contains("EXPIRED");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        OrganisationRegistered registered = registered();
        GoldAwarded gold = gold("ICSS-2025-BBBBBBBBBB", LocalDate.of(2025, 3, 14));
        HealthCheckPassed check = new HealthCheckPassed(ORG, UUID.randomUUID(), LocalDate.of(2026, 3, 1), RECORDED,
                MemberBody.CSIAU, "hc-1");
        AwardWon award = new AwardWon(ORG, UUID.randomUUID(), LocalDate.of(2025, 11, 8), RECORDED, "aw-1", 2025,
                "Contact Centre");

        feed(registered, gold, check, award);
        feed(registered, gold, check, award);

        assertThat(reader.history("org-1")).extracting(RegistryReader.HistoryEntry::eventType)
                .containsExactly("OrganisationRegistered", "GoldAwarded", "AwardWon", "HealthCheckPassed");
        assertThat(reader.standing("org-1", LocalDate.of(2026, 6, 1)).orElseThrow().awards()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM certificate", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRevokedAwardNoLongerCountsAndASuspensionShowsAsSuch() {
        GoldAwarded gold = gold("ICSS-G-2025-CCCCCCCCCC", LocalDate.of(2025, 3, 14));
        feed(registered(), gold, new CertificationSuspended(ORG, UUID.randomUUID(), LocalDate.of(2025, 9, 1),
                RECORDED, gold.certificateNumber(), CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "h1"));

        RegistryReader.Standing suspended = reader.standing("org-1", LocalDate.of(2025, 10, 1)).orElseThrow();
        assertThat(suspended.tier()).isEqualTo(Tier.GOLD);
        assertThat(suspended.status()).contains("SUSPENDED");

        feed(new CertificationChangeRevoked(ORG, UUID.randomUUID(), gold.effectiveOn(), RECORDED,
                gold.certificateNumber(), gold.eventId(), "GoldAwarded"));

        RegistryReader.Standing revoked = reader.standing("org-1", LocalDate.of(2025, 10, 1)).orElseThrow();
        assertThat(revoked.tier()).isEqualTo(Tier.NONE);
        assertThat(revoked.certificate()).isEmpty();
        assertThat(reader.certificate("ICSS-G-2025-CCCCCCCCCC")).isEmpty();
    }

    @Test
    void historyKeepsBothClocksOfEveryEvent() {
        AuditScored audit = new AuditScored(ORG, UUID.randomUUID(), LocalDate.of(2016, 5, 2),
                Instant.parse("2026-11-20T12:00:00Z"), MemberBody.CSIAU, "late-2016", StandardVersion.ICSS_2015_2020,
                AuditType.CERTIFICATION, "R. Inspector", Map.of("SRV-01", 7));

        feed(registered(), audit);

        RegistryReader.HistoryEntry entry = reader.history("org-1").get(1);
        assertThat(entry.eventType()).isEqualTo("AuditScored");
        assertThat(entry.effectiveOn()).isEqualTo(LocalDate.of(2016, 5, 2));
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(entry.eventId()).isEqualTo(audit.eventId().toString());
    }

    @Test
    void searchFindsByPartOfTheNameIgnoringCase() {
        feed(registered());

        assertThat(reader.search("harbour", null, null, 0, 20)).extracting(RegistryReader.OrganisationSummary::name)
                .containsExactly("Harbour Bank");
        assertThat(reader.search(null, "GR", null, 0, 20)).isEmpty();
    }

    private void feed(Object... events) {
        for (Object event : List.of(events)) {
            if (event instanceof OrganisationRegistered e) {
                projection.on(e);
            } else if (event instanceof AuditScored e) {
                projection.on(e);
            } else if (event instanceof HealthCheckPassed e) {
                projection.on(e);
            } else if (event instanceof GoldAwarded e) {
                projection.on(e);
            } else if (event instanceof AwardWon e) {
                projection.on(e);
            } else if (event instanceof CertificationSuspended e) {
                projection.on(e);
            } else if (event instanceof CertificationChangeRevoked e) {
                projection.on(e);
            } else {
                throw new IllegalArgumentException(event.toString());
            }
        }
    }

    private static OrganisationRegistered registered() {
        return new OrganisationRegistered(ORG, UUID.nameUUIDFromBytes("reg".getBytes()), LocalDate.of(2015, 1, 1),
                RECORDED, MemberBody.CSIAU, "Harbour Bank", "AU");
    }

    private static GoldAwarded gold(String number, LocalDate on) {
        return new GoldAwarded(ORG, UUID.nameUUIDFromBytes(number.getBytes()), on, RECORDED,
                new CertificateNumber(number), StandardVersion.ICSS_2020_2025, on.plusYears(3), "a-" + number);
    }
}
