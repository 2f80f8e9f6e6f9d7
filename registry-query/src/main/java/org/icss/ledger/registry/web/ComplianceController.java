package org.icss.ledger.registry.web;

import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.RegistryReader;
import org.icss.ledger.registry.query.registry.RegistryReader.HistoryEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Compliance staff's view: every event about an organisation, with both clocks. */
@RestController
@RequestMapping("/api/v1/compliance")
public class ComplianceController {

    private final RegistryReader reader;

    public ComplianceController(RegistryReader reader) {
        this.reader = reader;
    }

    public record History(String organisationId, List<HistoryEntry> events) {
    }

    @GetMapping("/organisations/{organisationId}/history")
    public History history(@PathVariable String organisationId) {
        reader.organisation(organisationId).orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
        return new History(organisationId, reader.history(organisationId));
    }
}
