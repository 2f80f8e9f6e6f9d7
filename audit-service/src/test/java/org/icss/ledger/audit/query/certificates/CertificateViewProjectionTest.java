package org.icss.ledger.audit.query.certificates;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.ProcessedEvents;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate view fed certification-service's events directly, on its real tables, without Spring. */
@ExtendWith(LedgerInfrastructureExtension.class)
class CertificateViewProjectionTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final OrganisationId OTHER = new OrganisationId("org-2");
    private static final Instant RECORDED = Instant.parse("2020-01-15T00:00:00Z");
    private static final CertificateNumber CERT = new CertificateNumber("ICSS-2018-AAAAAAAAAA");
    private static final LocalDate AWARDED = LocalDate.of(2018, 1, 10);
    private static final LocalDate JUNE_2020 = LocalDate.of(2020, 6, 1);

    private CertificateViewProjection projection;
    private CertificateViewReader reader;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        jdbc = new JdbcTemplate(infra.migratedDatabase("audit_certificate_view", "classpath:db/platform",
                "classpath:db/audit-service"));
        projection = new CertificateViewProjection(jdbc, new ProcessedEvents(jdbc));
        reader = new CertificateViewReader(jdbc);
    }

    @Test
    void goldOnTheOldVersionIsHeldFromItsAwardDateUntilValidUntil() {
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));

        assertThat(holds2015(AWARDED.minusDays(1))).isFalse();
        assertThat(holds2015(AWARDED)).isTrue();
        assertThat(holds2015(JUNE_2020)).isTrue();
        assertThat(holds2015(AWARDED.plusYears(3))).isFalse();
        assertThat(reader.holdsActiveOrSuspended(ORG, StandardVersion.ICSS_2020_2025, JUNE_2020)).isFalse();
        assertThat(reader.holdsActiveOrSuspended(OTHER, StandardVersion.ICSS_2015_2020, JUNE_2020)).isFalse();
    }

    @Test
    void plainCertificationCountsLikeGold() {
        projection.on(new CertificationGranted(ORG, EventIds.of(CertificationGranted.class, "c"), AWARDED, RECORDED,
                CERT, StandardVersion.ICSS_2015_2020, AWARDED.plusYears(3), "a-1"));

        assertThat(holds2015(JUNE_2020)).isTrue();
    }

    @Test
    void suspendedStillHoldsWithdrawnNoLongerDoes() {
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));
        projection.on(suspended(LocalDate.of(2020, 3, 1)));

        assertThat(holds2015(JUNE_2020)).isTrue();

        projection.on(new CertificationWithdrawn(ORG, EventIds.of(CertificationWithdrawn.class, "w"),
                LocalDate.of(2020, 5, 1), RECORDED, CERT));

        assertThat(holds2015(LocalDate.of(2020, 4, 30))).isTrue();
        assertThat(holds2015(JUNE_2020)).isFalse();
    }

    @Test
    void reinstatementMakesItActiveAgain() {
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));
        projection.on(suspended(LocalDate.of(2019, 3, 1)));
        projection.on(new CertificationReinstated(ORG, EventIds.of(CertificationReinstated.class, "r"),
                LocalDate.of(2019, 4, 1), RECORDED, CERT, "hc-2"));

        assertThat(reader.changes(ORG)).extracting(CertificateChange::status).map(Enum::name)
                .containsExactly("ACTIVE", "SUSPENDED", "ACTIVE");
        assertThat(holds2015(JUNE_2020)).isTrue();
    }

    @Test
    void expiredOrSupersededNoLongerHolds() {
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));
        projection.on(new CertificationExpired(ORG, EventIds.of(CertificationExpired.class, "e"),
                LocalDate.of(2020, 5, 1), RECORDED, CERT));

        assertThat(holds2015(JUNE_2020)).isFalse();

        CertificateNumber next = new CertificateNumber("ICSS-2019-BBBBBBBBBB");
        projection.on(gold(next, StandardVersion.ICSS_2015_2020, LocalDate.of(2019, 2, 1)));
        projection.on(new CertificateSuperseded(ORG, EventIds.of(CertificateSuperseded.class, "s"),
                LocalDate.of(2020, 2, 1), RECORDED, next, new CertificateNumber("ICSS-2020-CCCCCCCCCC")));

        assertThat(holds2015(LocalDate.of(2020, 1, 31))).isTrue();
        assertThat(holds2015(JUNE_2020)).isFalse();
    }

    @Test
    void aRevokedChangeNoLongerHolds() {
        CertificationWithdrawn withdrawn = new CertificationWithdrawn(ORG,
                EventIds.of(CertificationWithdrawn.class, "w"), LocalDate.of(2020, 5, 1), RECORDED, CERT);
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));
        projection.on(suspended(LocalDate.of(2020, 3, 1)));
        projection.on(withdrawn);

        assertThat(holds2015(JUNE_2020)).isFalse();

        // a corrected health check: the withdrawal announced earlier no longer holds
        projection.on(revoked(withdrawn.eventId(), "CertificationWithdrawn", withdrawn.effectiveOn()));

        assertThat(holds2015(JUNE_2020)).isTrue();
        assertThat(reader.changes(ORG)).extracting(CertificateChange::revoked).containsExactly(false, false, true);
    }

    @Test
    void aRevokedAwardMeansNoCertificate() {
        GoldAwarded gold = gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED);
        projection.on(gold);
        projection.on(revoked(gold.eventId(), "GoldAwarded", AWARDED));

        assertThat(holds2015(JUNE_2020)).isFalse();
    }

    @Test
    void aRevocationReceivedBeforeTheChangeItRevokesStillCounts() {
        CertificationWithdrawn withdrawn = new CertificationWithdrawn(ORG,
                EventIds.of(CertificationWithdrawn.class, "w"), LocalDate.of(2020, 5, 1), RECORDED, CERT);
        projection.on(gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED));
        projection.on(revoked(withdrawn.eventId(), "CertificationWithdrawn", withdrawn.effectiveOn()));
        projection.on(withdrawn);

        assertThat(holds2015(JUNE_2020)).isTrue();
    }

    @Test
    void aDuplicateDeliveryChangesNothing() {
        GoldAwarded gold = gold(CERT, StandardVersion.ICSS_2015_2020, AWARDED);
        CertificationSuspended suspended = suspended(LocalDate.of(2020, 3, 1));
        CertificationReinstated reinstated = new CertificationReinstated(ORG,
                EventIds.of(CertificationReinstated.class, "r"), LocalDate.of(2020, 4, 1), RECORDED, CERT, "hc-2");
        CertificationChangeRevoked revocation = revoked(reinstated.eventId(), "CertificationReinstated",
                reinstated.effectiveOn());

        for (int delivery = 0; delivery < 2; delivery++) {
            projection.on(gold);
            projection.on(suspended);
            projection.on(reinstated);
            projection.on(revocation);
        }

        assertThat(reader.changes(ORG)).hasSize(3);
        assertThat(count("certificate_view")).isEqualTo(1);
        assertThat(count("certificate_view_revocation")).isEqualTo(1);
        assertThat(new ProcessedEvents(jdbc).count(CertificateViewProjection.GROUP)).isEqualTo(4);
        // suspended on 2020-03-01; the reinstatement was revoked
        assertThat(holds2015(JUNE_2020)).isTrue();
        assertThat(reader.changes(ORG).get(2).revoked()).isTrue();
        List<CertificateChange> changes = reader.changes(ORG);
        assertThat(CertificateViewReader.statusOn(changes, JUNE_2020)).hasValueSatisfying(
                status -> assertThat(status.name()).isEqualTo("SUSPENDED"));
    }

    private boolean holds2015(LocalDate day) {
        return reader.holdsActiveOrSuspended(ORG, StandardVersion.ICSS_2015_2020, day);
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
        return count == null ? 0 : count;
    }

    private static GoldAwarded gold(CertificateNumber number, StandardVersion version, LocalDate on) {
        return new GoldAwarded(ORG, EventIds.of(GoldAwarded.class, number.value()), on, RECORDED, number, version,
                on.plusYears(3), "a-" + number);
    }

    private static CertificationSuspended suspended(LocalDate on) {
        return new CertificationSuspended(ORG, EventIds.of(CertificationSuspended.class, on.toString()), on, RECORDED,
                CERT, CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "hc-1");
    }

    private static CertificationChangeRevoked revoked(UUID revokedEventId, String type, LocalDate on) {
        return new CertificationChangeRevoked(ORG, EventIds.of(CertificationChangeRevoked.class,
                revokedEventId.toString()), on, RECORDED.plusSeconds(3600), CERT, revokedEventId, type);
    }
}
