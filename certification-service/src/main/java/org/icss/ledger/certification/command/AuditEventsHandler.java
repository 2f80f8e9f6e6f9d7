package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Reads audit-service's topic (tracking processor {@value #GROUP}, token in this service's database) and hands each
 * audit to the organisation's certification, once: a redelivered event id is skipped, and the id is recorded in
 * the same transaction as the events the command applies.
 */
@Component
@ProcessingGroup(AuditEventsHandler.GROUP)
public class AuditEventsHandler {

    public static final String GROUP = "audit-events";

    private final CommandGateway commands;
    private final ProcessedEvents processed;
    private final Clock clock;

    public AuditEventsHandler(CommandGateway commands, ProcessedEvents processed, Clock clock) {
        this.commands = commands;
        this.processed = processed;
        this.clock = clock;
    }

    @EventHandler
    void on(AuditScored audit) {
        if (processed.firstDelivery(GROUP, audit.eventId())) {
            commands.sendAndWait(new RecordAudit(audit.organisationId(), audit, Instant.now(clock)));
        }
    }
}
