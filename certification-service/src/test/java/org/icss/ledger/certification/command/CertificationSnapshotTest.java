package org.icss.ledger.certification.command;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.certification.command.Reports.RecordAudit;
import org.icss.ledger.certification.command.Reports.RecordHealthCheck;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.aggregates.LedgerAggregateAutoConfiguration;
import org.icss.ledger.platform.upcasting.LedgerRevisionResolver;
import org.icss.ledger.rules.CertificationRules;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.icss.ledger.certification.command.TimelineFixtures.scores;

/**
 * A certification's snapshot (the fallback when it is not in the aggregate cache) holds everything the aggregate
 * decides from: its reports and the changes it has announced, keyed by the sealed {@code Change} type, read back
 * equal with the platform's snapshot serializer and the aggregate's revision.
 */
class CertificationSnapshotTest {

    private static final OrganisationId ORG = new OrganisationId("org-snapshot");
    private static final Instant RECORDED = Instant.parse("2024-06-30T09:00:00Z");

    @Test
    void aCertificationWithAnnouncedChangesReadsBackEqualFromItsSnapshot() {
        Serializer snapshots = LedgerAggregateAutoConfiguration.snapshotSerializer(
                Jackson2ObjectMapperBuilder.json().build(), new LedgerRevisionResolver());
        AggregateTestFixture<Certification> fixture = new AggregateTestFixture<>(Certification.class);
        fixture.registerInjectableResource(CertificationRules.defaults());

        fixture.givenCommands(
                        audit("a1", LocalDate.of(2019, 3, 1)),
                        new RecordHealthCheck(ORG, "hc-1", LocalDate.of(2020, 3, 1), true, RECORDED),
                        new AdvanceCertification(ORG, LocalDate.of(2021, 12, 31), RECORDED),
                        audit("a2", LocalDate.of(2022, 6, 1)))
                .when(new AdvanceCertification(ORG, LocalDate.of(2022, 7, 1), RECORDED))
                .expectState(certification -> {
                    SerializedObject<byte[]> snapshot = snapshots.serialize(certification, byte[].class);
                    Certification read = snapshots.deserialize(snapshot);

                    assertThat(snapshot.getType().getRevision()).isEqualTo("1");
                    assertThat(certification).extracting("announced").asInstanceOf(MAP).hasSizeGreaterThan(2);
                    assertThat(read).usingRecursiveComparison().isEqualTo(certification);
                });
    }

    private static RecordAudit audit(String id, LocalDate on) {
        return new RecordAudit(ORG, id, on, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, scores(7),
                RECORDED);
    }

}
