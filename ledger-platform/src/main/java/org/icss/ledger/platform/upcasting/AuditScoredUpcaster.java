package org.icss.ledger.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.icss.ledger.events.AuditScored;

/**
 * {@link AuditScored} of the first shape (no revision) to revision 2: adds {@code expectedScores}, empty (audits
 * recorded before revision 2 carry no self-assessment). Registered in every service, so the event stores, the Kafka
 * consumers and registry-query's replays all read old events in the new shape.
 */
public class AuditScoredUpcaster extends SingleEventUpcaster {

    static final String TYPE = AuditScored.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName())
                && (representation.getType().getRevision() == null || "1".equals(representation.getType().getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, AuditScored.REVISION), JsonNode.class,
                payload -> {
                    if (payload instanceof ObjectNode object && !object.has("expectedScores")) {
                        object.putObject("expectedScores");
                    }
                    return payload;
                });
    }
}
