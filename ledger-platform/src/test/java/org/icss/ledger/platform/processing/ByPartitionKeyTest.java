package org.icss.ledger.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.SerializationException;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.OrganisationId;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ByPartitionKeyTest {

    private final ByPartitionKey policy = new ByPartitionKey();

    @Test
    void aLedgerEventIsSequencedByItsOrganisation() {
        AwardWon award = new AwardWon(new OrganisationId("org-1"), UUID.randomUUID(), LocalDate.of(2025, 1, 1),
                Instant.EPOCH, "award-1", 2025, "Team");
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(award))).isEqualTo("org-1");
    }

    @Test
    void aRecordWhosePayloadCannotBeReadIsASequenceOfItsOwnInsteadOfStoppingTheProcessor() {
        @SuppressWarnings("unchecked")
        EventMessage<Object> unreadable = Mockito.mock(EventMessage.class);
        Mockito.when(unreadable.getPayload()).thenThrow(new SerializationException("not JSON"));
        Mockito.when(unreadable.getIdentifier()).thenReturn("message-7");
        assertThat(policy.getSequenceIdentifierFor(unreadable)).isEqualTo("message-7");
    }
}
