package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.RegistryReader;
import org.icss.ledger.registry.query.registry.RegistryReader.HistoryEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Compliance staff's view: every event about an organisation, with both clocks and what caused it. */
@RestController
@RequestMapping("/api/v1/compliance")
@Tag(name = "Compliance", description = "Full histories with both clocks; rebuilding the read models")
public class ComplianceController {

    private final RegistryReader reader;

    public ComplianceController(RegistryReader reader) {
        this.reader = reader;
    }

    public record History(String organisationId, Instant knownAt, int generation, List<HistoryEntry> events) {
    }

    @GetMapping("/organisations/{organisationId}/history")
    @Operation(summary = "An organisation's full history",
            description = "Every event in business-date order, with effectiveOn and recordedAt, the ids of the "
                    + "events that caused each certificate change (causedBy) and of a revocation (revokedBy); "
                    + "knownAt keeps only what was recorded by then.")
    public History history(@PathVariable String organisationId, @RequestParam(required = false) Instant knownAt) {
        return new History(organisationId, knownAt, reader.generation(), reader.history(organisationId, knownAt)
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId)));
    }
}
