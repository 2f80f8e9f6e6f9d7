package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter queue end to end, through the HTTP endpoints only (plus a fault planted in certification-service's
 * database): every report of one organisation fails in certification-service for a reason that does not go away by
 * itself, so its events wait in the dead-letter queue, visible to compliance staff, while the other organisations'
 * reports flow; a retry before the fix keeps them; after the fix a retry handles each exactly once.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class DeadLetterEndToEndTest {

    private static final String GROUP = "audit-events";
    private static final String DEAD_LETTERS = "/api/v1/compliance/dead-letters/certification";

    @Test
    void aPoisonedOrganisationWaitsInTheDeadLetterQueueOthersFlowAndARetryAfterTheFixHandlesItOnce(
            LedgerInfrastructure infra) {
        try (LedgerSystem ledger = LedgerSystem.start(infra)) {
            Workload workload = new Workload(ledger).register(3);
            List<String> organisations = workload.organisations();
            String poisoned = organisations.get(0);
            JdbcTemplate certification = ledger.database("certification-service");
            // the fault: certification-service's note of the organisation's last report violates a check, every time
            certification.execute("CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.organisation_id = '" + poisoned + "' THEN "
                    + "RAISE EXCEPTION 'poisoned by the test' USING ERRCODE = 'check_violation'; END IF; "
                    + "RETURN NEW; END $$");
            certification.execute("CREATE TRIGGER test_poison BEFORE INSERT OR UPDATE ON certification_organisation "
                    + "FOR EACH ROW EXECUTE FUNCTION test_poison()");

            workload.post(6); // two audits for each organisation

            // the poisoned organisation's two reports wait: the first failed, the second is parked behind it
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deadLetters(ledger).path("count").asInt() == 2);
            JsonNode letters = deadLetters(ledger);
            assertThat(letters.path("processingGroups").toString()).contains(GROUP);
            for (JsonNode letter : letters.path("deadLetters")) {
                assertThat(letter.path("processingGroup").asText()).isEqualTo(GROUP);
                assertThat(letter.path("sequence").asText()).isEqualTo(poisoned);
                assertThat(letter.path("eventType").asText()).endsWith("AuditScored");
            }
            assertThat(letters.path("deadLetters")).as("the letter of the report that failed").anySatisfy(letter -> {
                assertThat(letter.path("causeMessage").asText()).contains("poisoned by the test");
                assertThat(letter.path("attempts").asInt()).isEqualTo(3);
            });

            // the other organisations' reports were handled: two Gold certificates each, none for the poisoned one
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> goldAwarded(certification) == 4);
            assertThat(reported(certification)).containsExactlyInAnyOrder(organisations.get(1), organisations.get(2));

            // a retry before the fix: the letters stay
            Response early = ledger.post("certification-service", DEAD_LETTERS + "/" + GROUP + "/retry", null);
            assertThat(early.status()).as(early.body()).isEqualTo(200);
            assertThat(early.json().path("after").asLong()).isEqualTo(2);
            assertThat(deadLetters(ledger).path("count").asInt()).isEqualTo(2);

            // the fix, then a retry: both reports handled, in order, once
            certification.execute("DROP TRIGGER test_poison ON certification_organisation");
            Response retried = ledger.post("certification-service", DEAD_LETTERS + "/" + GROUP + "/retry", null);
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.json().path("before").asLong()).isEqualTo(2);
            assertThat(retried.json().path("after").asLong()).isZero();
            assertThat(deadLetters(ledger).path("count").asInt()).isZero();
            assertThat(goldAwarded(certification)).isEqualTo(6);

            // and nothing lost or doubled anywhere: every audit once in certification-service and the registry
            Workload.Counts counts = workload.assertNothingLostOrDoubled();
            assertThat(counts.accepted()).isEqualTo(6);
        }
    }

    private static JsonNode deadLetters(LedgerSystem ledger) {
        Response response = ledger.get("certification-service", DEAD_LETTERS);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static long goldAwarded(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.GoldAwarded'", Long.class);
        return count == null ? 0 : count;
    }

    private static List<String> reported(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT organisation_id FROM certification_organisation", String.class);
    }
}
