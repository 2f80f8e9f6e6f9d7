package org.icss.ledger.awards.web;

import org.icss.ledger.platform.apidocs.Refusals;
import org.icss.ledger.platform.ProblemType;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.icss.ledger.awards.command.RecordAwardWin;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.platform.KnownOrganisations;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.positions.EventPositions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The secretariat posts ISEA winners. */
@RestController
@RequestMapping("/api/v1/awards")
public class AwardController {

    private final CommandGateway commands;
    private final KnownOrganisations organisations;
    private final Clock clock;
    private final EventPositions positions;

    public AwardController(CommandGateway commands, KnownOrganisations organisations, Clock clock,
                           EventPositions positions) {
        this.commands = commands;
        this.positions = positions;
        this.organisations = organisations;
        this.clock = clock;
    }

    public record AwardRecorded(String awardId, String organisationId, String position) {
    }

    @PostMapping
    @Refusals(ProblemType.DUPLICATE_AWARD)
    public ResponseEntity<AwardRecorded> recordWin(@Valid @RequestBody AwardWinRequest request) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (request.wonOn().isAfter(LocalDate.now(clock))) {
            problems.put("wonOn", "is in the future");
        }
        if (Math.abs(request.wonOn().getYear() - request.seasonYear()) > 1) {
            problems.put("seasonYear", "season " + request.seasonYear() + " does not fit a win on "
                    + request.wonOn());
        }
        boolean future = problems.containsKey("wonOn");
        boolean unknown = !organisations.isKnown(request.organisationId().strip());
        if (unknown) {
            problems.put("organisationId", "unknown organisation " + request.organisationId()
                    + " (not registered by any member body)");
        }
        if (!problems.isEmpty()) {
            Rejected rejected = Rejected.invalid("The award was not recorded.", problems);
            // provisional: the view of registrations may catch up, and a future date comes
            throw future || unknown ? rejected.provisional() : rejected;
        }
        String awardId = UUID.randomUUID().toString();
        String position = positions.positionOf(() -> commands.sendAndWait(
                new RecordAwardWin(new OrganisationId(request.organisationId().strip()), awardId,
                        request.seasonYear(), request.category().strip(), request.wonOn(), Instant.now(clock))));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(awardId).toUri()).headers(EventPositions.headers(position))
                .body(new AwardRecorded(awardId, request.organisationId(), position));
    }
}
