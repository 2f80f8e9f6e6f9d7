package org.icss.ledger.certification.query.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.icss.ledger.certification.query.professional.CredentialView;
import org.icss.ledger.certification.query.professional.EmploymentView;
import org.icss.ledger.certification.query.professional.ProfessionalHistory;
import org.icss.ledger.certification.query.professional.ProfessionalHistoryReader;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.LedgerEventStoreAutoConfiguration;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import javax.sql.DataSource;

/**
 * Erasure of a professional's personal data, on the real tables (certification-service's Flyway migrations, Axon's
 * JDBC event store on the same database), without Spring: name and email become null, everything else stays.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class PersonalDataErasureTest {

    private static final ProfessionalId ADA = new ProfessionalId("pro-ada");
    private static final ProfessionalId GRACE = new ProfessionalId("pro-grace");
    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2024-07-01T09:00:00Z");
    private static final Instant ERASED = Instant.parse("2025-02-03T10:15:30Z");

    private JdbcTemplate jdbc;
    private ProfessionalContacts contacts;
    private EmbeddedEventStore eventStore;
    private ProfessionalHistoryReader reader;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        DataSource dataSource = infra.migratedDatabase("certification_contacts", "classpath:db/platform",
                "classpath:db/certification-service");
        jdbc = new JdbcTemplate(dataSource);
        contacts = new ProfessionalContacts(jdbc);
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        eventStore = EmbeddedEventStore.builder().storageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new LedgerEventStoreAutoConfiguration().eventSchema())
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .build()).build();
        reader = new ProfessionalHistoryReader(eventStore);
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void erasureNullsNameAndEmailAndLeavesTheRest() {
        contacts.record(ADA, MemberBody.CSIAU, "Ada Lovelace", "ada@example.org");
        contacts.record(GRACE, MemberBody.CSIAU, "Grace Hopper", "grace@example.org");
        append(ADA, certified(ADA, "CCSM-0042", LocalDate.of(2021, 5, 1), LocalDate.of(2024, 5, 1)),
                started(ADA, "emp-1", LocalDate.of(2022, 1, 10)));
        ProfessionalHistory historyBefore = reader.history(ADA);
        List<Map<String, Object>> eventRowsBefore = eventRows();

        assertThat(contacts.erase(ADA, ERASED)).isTrue();

        assertThat(contacts.find(ADA)).contains(new ProfessionalContact(ADA, null, null, ERASED, MemberBody.CSIAU));
        assertThat(contacts.find(ADA).orElseThrow().erased()).isTrue();
        assertThat(contacts.find(GRACE))
                .contains(new ProfessionalContact(GRACE, "Grace Hopper", "grace@example.org", null, MemberBody.CSIAU));
        assertThat(reader.history(ADA)).isEqualTo(historyBefore);
        assertThat(historyBefore.credentials()).extracting(CredentialView::credentialId).containsExactly("CCSM-0042");
        assertThat(historyBefore.employments()).extracting(EmploymentView::employmentId).containsExactly("emp-1");
        assertThat(eventRows()).usingRecursiveFieldByFieldElementComparator().isEqualTo(eventRowsBefore);
    }

    @Test
    void erasingAgainKeepsTheFirstErasure() {
        contacts.record(ADA, MemberBody.CSIAU, "Ada Lovelace", "ada@example.org");

        assertThat(contacts.erase(ADA, ERASED)).isTrue();
        assertThat(contacts.erase(ADA, ERASED.plusSeconds(3600))).isTrue();

        assertThat(contacts.find(ADA).orElseThrow().erasedAt()).isEqualTo(ERASED);
    }

    @Test
    void anUnknownProfessionalHasNothingToErase() {
        assertThat(contacts.erase(ADA, ERASED)).isFalse();
        assertThat(contacts.find(ADA)).isEmpty();
    }

    @Test
    void personalDataIsHeldWholeOrErasedWhole() {
        contacts.record(ADA, MemberBody.CSIAU, "Ada Lovelace", "ada@example.org");

        assertThatThrownBy(() -> jdbc.update("UPDATE professional_contact SET email = NULL WHERE professional_id = ?",
                ADA.value())).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> contacts.record(GRACE, MemberBody.CSIAU, "Grace Hopper", null))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void historyListsCredentialsAndEmploymentsByBusinessDate() {
        LocalDate renewedOn = LocalDate.of(2024, 5, 1);
        append(ADA, certified(ADA, "CCSM-0777", renewedOn, LocalDate.of(2027, 5, 1)),
                certified(ADA, "CCSM-0042", LocalDate.of(2021, 5, 1), renewedOn),
                started(ADA, "emp-2", LocalDate.of(2023, 7, 1)),
                started(ADA, "emp-1", LocalDate.of(2022, 1, 10)),
                new EmploymentEnded(ORG, EventIds.of(EmploymentEnded.class, ADA.value(), "emp-1"),
                        LocalDate.of(2023, 6, 30), RECORDED, ADA, "emp-1"));

        ProfessionalHistory history = reader.history(ADA);

        assertThat(history.credentials()).containsExactly(
                new CredentialView("CCSM-0042", LocalDate.of(2021, 5, 1), renewedOn, RECORDED),
                new CredentialView("CCSM-0777", renewedOn, LocalDate.of(2027, 5, 1), RECORDED));
        assertThat(history.employments()).containsExactly(
                new EmploymentView("emp-1", "org-1", LocalDate.of(2022, 1, 10), LocalDate.of(2023, 6, 30)),
                new EmploymentView("emp-2", "org-1", LocalDate.of(2023, 7, 1), null));
        assertThat(reader.history(GRACE)).isEqualTo(new ProfessionalHistory(List.of(), List.of()));
    }

    /** Appends the events to the professional's stream as the aggregate would, sequence numbers from 0. */
    private void append(ProfessionalId professional, LedgerEvent... events) {
        for (int i = 0; i < events.length; i++) {
            eventStore.publish(new GenericDomainEventMessage<>("Professional", professional.value(), i, events[i]));
        }
    }

    private List<Map<String, Object>> eventRows() {
        return jdbc.queryForList("SELECT global_index, event_identifier, aggregate_identifier, sequence_number, "
                + "payload_type, payload, meta_data FROM domain_event_entry ORDER BY global_index");
    }

    private static ProfessionalCertified certified(ProfessionalId professional, String credentialId,
                                                   LocalDate certifiedOn, LocalDate validUntil) {
        return new ProfessionalCertified(professional,
                EventIds.of(ProfessionalCertified.class, professional.value(), credentialId), certifiedOn, RECORDED,
                credentialId, validUntil);
    }

    private static EmploymentStarted started(ProfessionalId professional, String employmentId, LocalDate startedOn) {
        return new EmploymentStarted(ORG, EventIds.of(EmploymentStarted.class, professional.value(), employmentId),
                startedOn, RECORDED, professional, employmentId);
    }
}
