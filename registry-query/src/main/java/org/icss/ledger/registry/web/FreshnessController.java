package org.icss.ledger.registry.web;

import org.icss.ledger.platform.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.icss.ledger.platform.positions.Position;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.icss.ledger.registry.query.registry.Freshness;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * "Has the registry caught up with my write?" Every write of audit-, certification- and awards-service answers with
 * its event's position ({@code ICSS-Position} and {@code position}); this answers whether the registry has applied
 * it ({@link Freshness}). With {@code wait} the answer is held (without a thread: {@link FreshnessWaits}) until the
 * position is caught up or the wait is over, at most {@link #MAX_WAIT}. Public like every registry lookup: a position
 * names an event by its id and says only whether the registry shows it, which the public answers say anyway.
 */
@RestController
@Tag(name = "Registry", description = "Public lookups: search, standing with reasons, timeline, certificates, Platinum")
public class FreshnessController {

    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Freshness freshness;
    private final FreshnessWaits waits;

    public FreshnessController(Freshness freshness, FreshnessWaits waits) {
        this.freshness = freshness;
        this.waits = waits;
    }

    /** What the registry knows of a position. */
    public record FreshnessAnswer(String position, boolean applied, boolean caughtUp) {
        static FreshnessAnswer of(Freshness.Answer answer) {
            return new FreshnessAnswer(answer.position().toString(), answer.applied(), answer.caughtUp());
        }
    }

    @GetMapping("/api/v1/registry/freshness")
    @Operation(summary = "Whether the registry shows a write",
            description = "applied: the registry has applied the write's event (the organisation's own lookup shows "
                    + "it); caughtUp: and search, the Platinum list and the home page's counts too. With wait, the "
                    + "answer comes once caughtUp or when the wait is over (at most PT10S), whichever is first.")
    public DeferredResult<ResponseEntity<?>> freshness(
            @Parameter(description = "a write's ICSS-Position, <service>:<key>:<eventId>")
            @RequestParam String position,
            @Parameter(description = "ISO-8601 duration to wait for the position, PT0S to PT10S; default PT0S")
            @RequestParam(required = false) String wait) {
        DeferredResult<ResponseEntity<?>> result = new DeferredResult<>(MAX_WAIT.toMillis() + 5_000);
        Position asked;
        Duration waitFor;
        try {
            asked = Position.parse(position);
        } catch (IllegalArgumentException e) {
            result.setResult(badRequest("position", e.getMessage()));
            return result;
        }
        try {
            waitFor = wait == null ? Duration.ZERO : Duration.parse(wait);
        } catch (DateTimeParseException e) {
            result.setResult(badRequest("wait", "must be an ISO-8601 duration such as PT5S"));
            return result;
        }
        if (waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0) {
            result.setResult(badRequest("wait", "must lie between PT0S and " + MAX_WAIT));
            return result;
        }
        Freshness.Answer now = freshness.of(asked);
        if (now.caughtUp() || waitFor.isZero()) {
            result.setResult(answer(now));
        } else {
            waits.await(asked, waitFor, result, later -> result.setResult(answer(later)));
        }
        return result;
    }

    private static ResponseEntity<?> answer(Freshness.Answer answer) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(FreshnessAnswer.of(answer));
    }

    private static ResponseEntity<?> badRequest(String parameter, String reason) {
        return ResponseEntity.badRequest().body(LedgerProblemHandler.problem(ProblemType.BAD_REQUEST,
                "A parameter has the wrong type or lies outside its range.", Map.of(parameter, reason)));
    }
}
