package org.icss.ledger.registry.web;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.Generations;
import org.icss.ledger.registry.query.registry.HistoryReader;
import org.icss.ledger.registry.query.registry.HistoryReader.HistoryEntry;
import org.icss.ledger.registry.query.registry.Replays;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Compliance staff's view: every event about an organisation, with both clocks and what caused it. */
@RestController
@RequestMapping("/api/v1/compliance")
@Tag(name = "Compliance", description = "Full histories with both clocks; rebuilding the read models")
public class ComplianceController {

    private final HistoryReader reader;
    private final Generations generations;
    private final Replays replays;

    public ComplianceController(HistoryReader reader, Generations generations, Replays replays) {
        this.reader = reader;
        this.generations = generations;
        this.replays = replays;
    }

    public record History(String organisationId, Instant knownAt, int generation, List<HistoryEntry> events) {
    }

    @GetMapping("/organisations/{organisationId}/history")
    @Operation(summary = "An organisation's full history",
            description = "Every event in business-date order, with effectiveOn and recordedAt, the ids of the "
                    + "events that caused each certificate change (causedBy) and of a revocation (revokedBy); "
                    + "knownAt keeps only what was recorded by then.")
    public History history(@PathVariable String organisationId, @RequestParam(required = false) Instant knownAt) {
        return new History(organisationId, knownAt, generations.currentGeneration(), reader.history(organisationId, knownAt)
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId)));
    }

    @Refusals(ProblemType.REPLAY_RUNNING)
    @PostMapping("/replays")
    @Operation(summary = "Rebuild the read models from the beginning of the topics",
            description = "Builds a new generation of tables from offset 0 to the end offsets taken at the start "
                    + "while the current tables keep answering, then switches over in one transaction. 202 with the "
                    + "replay's progress and its Location; 409 while another replay runs.")
    public ResponseEntity<Replays.Progress> replay() {
        Replays.Progress progress = replays.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/compliance/replays/" + progress.replayId()))
                .body(progress);
    }

    @GetMapping("/replays/{replayId}")
    @Operation(summary = "A replay's progress", description = "State (RUNNING, SWITCHED, FAILED), events done and "
            + "total, rate per second, ETA in seconds.")
    public Replays.Progress replay(@PathVariable UUID replayId) {
        return replays.status(replayId).orElseThrow(() -> Rejected.notFound("Replay", replayId.toString()));
    }
}
