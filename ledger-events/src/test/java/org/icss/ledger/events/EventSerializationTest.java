package org.icss.ledger.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON contract of every event: what one service writes, every other service reads back unchanged. */
class EventSerializationTest {

    // configured as Spring Boot configures the services' ObjectMapper
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new ParameterNamesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final OrganisationId ORG = new OrganisationId("8d3c1d4e-6b0a-4d44-9d53-1f3a7f0e2b11");
    private static final Instant RECORDED = Instant.parse("2026-11-23T10:15:30.123Z");
    private static final LocalDate ON = LocalDate.of(2024, 2, 29);
    private static final CertificateNumber CERTIFICATE = new CertificateNumber("ICSS-G-2024-0000000001");
    private static final ProfessionalId PERSON = new ProfessionalId("p-7");

    static Stream<LedgerEvent> everyEvent() {
        return Stream.of(
                new OrganisationRegistered(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.CSIAU,
                        "Zoë's Café Pty Ltd", "AU"),
                new AuditScored(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.CSIAU, "audit-1",
                        StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "A. Auditor",
                        Map.of("SRV-01", 7, "FIN-01", 10, "LRN-06", 0)),
                new AuditScored(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.CSIAU, "audit-2",
                        StandardVersion.ICSS_2020_2025, AuditType.ANNUAL, "A. Auditor",
                        Map.of("SRV-01", 7, "FIN-01", 10), Map.of("SRV-01", 9)),
                new HealthCheckPassed(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.HICS, "hc-1"),
                new HealthCheckFailed(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.HICS, "hc-2",
                        "complaints process not followed"),
                new GoldAwarded(ORG, UUID.randomUUID(), ON, RECORDED, new CertificateNumber("ICSS-2024-00000001"),
                        StandardVersion.ICSS_2020_2025, LocalDate.of(2027, 2, 28), "audit-1"),
                new AwardWon(ORG, UUID.randomUUID(), ON, RECORDED, "award-1", 2024, "Customer Service Team"),
                new CertificationGranted(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE,
                        StandardVersion.ICSS_2015_2020, LocalDate.of(2027, 2, 28), "audit-2"),
                new CertificationSuspended(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE,
                        CertificationSuspended.SuspensionCause.HEALTH_CHECK_MISSED, "2024-01-01"),
                new CertificationReinstated(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE, "hc-3"),
                new CertificationWithdrawn(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE),
                new CertificationExpired(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE),
                new CertificateSuperseded(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE,
                        new CertificateNumber("ICSS-G-2024-0000000002")),
                new CertificationChangeRevoked(ORG, UUID.randomUUID(), ON, RECORDED, CERTIFICATE, UUID.randomUUID(),
                        "GoldAwarded"),
                new AuditCorrected(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.APCSC, "audit-1", "corr-1",
                        Map.of("SRV-01", 4), "transcription error"),
                new AuditWithdrawn(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.APCSC, "audit-1", "wrong org"),
                new HealthCheckCorrected(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.APCSC, "hc-1", "corr-2",
                        false, "missed evidence"),
                new HealthCheckWithdrawn(ORG, UUID.randomUUID(), ON, RECORDED, MemberBody.APCSC, "hc-1", "duplicate"),
                new ProfessionalCertified(PERSON, UUID.randomUUID(), ON, RECORDED, "CCSM-0042",
                        LocalDate.of(2027, 2, 28)),
                new EmploymentStarted(ORG, UUID.randomUUID(), ON, RECORDED, PERSON, "emp-1"),
                new EmploymentEnded(ORG, UUID.randomUUID(), ON, RECORDED, PERSON, "emp-1"));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventReadsBackEqualToWhatWasWritten(LedgerEvent event) throws Exception {
        byte[] json = mapper.writeValueAsBytes(event);

        Object read = mapper.readValue(json, event.getClass());

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventCarriesBothClocksAndItsIdAsPlainJson(LedgerEvent event) throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(event));

        assertThat(json.get("eventId").asText()).isEqualTo(event.eventId().toString());
        assertThat(json.get(event instanceof ProfessionalEvent ? "professionalId" : "organisationId").asText())
                .isEqualTo(event.partitionKey());
        assertThat(json.get("effectiveOn").asText()).isEqualTo("2024-02-29");
        assertThat(json.get("recordedAt").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
    }

    @Test
    void valueTypesAreWrittenAsStrings() throws Exception {
        GoldAwarded gold = (GoldAwarded) everyEvent().filter(GoldAwarded.class::isInstance).findFirst().orElseThrow();

        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(gold));

        assertThat(json.get("certificateNumber").asText()).isEqualTo("ICSS-2024-00000001");
        assertThat(json.get("standardVersion").asText()).isEqualTo("ICSS:2020-2025");
        assertThat(json.get("validUntil").asText()).isEqualTo("2027-02-28");
    }

    @Test
    void aReaderIgnoresFieldsAddedByANewerWriter() throws Exception {
        String json = """
                {"organisationId":"o-1","eventId":"%s","effectiveOn":"2024-01-02","recordedAt":"2024-01-03T00:00:00Z",
                 "memberBody":"HICS","healthCheckId":"hc-9","inspector":"added later"}
                """.formatted(UUID.randomUUID());

        HealthCheckPassed read = mapper.readValue(json, HealthCheckPassed.class);

        assertThat(read.healthCheckId()).isEqualTo("hc-9");
        assertThat(read.organisationId()).isEqualTo(new OrganisationId("o-1"));
    }

    @Test
    void everyEventTypeOfTheModuleIsCoveredHere() {
        Set<Class<?>> covered = everyEvent().map(Object::getClass).collect(Collectors.toSet());

        assertThat(covered).hasSize(20);
    }

    @Test
    void organisationEventsAreKeyedByOrganisationAndProfessionalEventsByPerson() {
        everyEvent().forEach(event -> assertThat(event.partitionKey())
                .isEqualTo(event instanceof ProfessionalEvent ? PERSON.value() : ORG.value()));
    }

    /** An AuditScored as written before revision 2 (no expectedScores) reads with no expected scores. */
    @Test
    void anAuditScoredOfTheFirstShapeReadsWithNoExpectedScores() throws Exception {
        String firstShape = "{\"organisationId\":\"org-old\",\"eventId\":\"6a1f0c56-7e0e-3d6b-9c3c-1f1b8d1e2a01\","
                + "\"effectiveOn\":\"2019-08-19\",\"recordedAt\":\"2026-01-10T09:00:00Z\",\"memberBody\":\"CSIAU\","
                + "\"auditId\":\"audit-2019\",\"standardVersion\":\"ICSS:2015-2020\",\"auditType\":\"CERTIFICATION\","
                + "\"auditor\":\"CSIAU assessor 3\",\"scores\":{\"FIN-01\":5,\"SRV-01\":7}}";

        AuditScored read = mapper.readValue(firstShape, AuditScored.class);

        assertThat(read.scores()).containsExactlyInAnyOrderEntriesOf(Map.of("FIN-01", 5, "SRV-01", 7));
        assertThat(read.expectedScores()).isEmpty();
        assertThat(AuditScored.class.getAnnotation(EventRevision.class).value()).isEqualTo("2");
    }
}
