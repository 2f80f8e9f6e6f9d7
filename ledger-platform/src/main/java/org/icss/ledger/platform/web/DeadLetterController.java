package org.icss.ledger.platform.web;

import org.icss.ledger.platform.ProblemType;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.processing.DeadLetters;
import org.icss.ledger.platform.security.ApiCaller;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Compliance staff's view of the events this service could not handle (roles COMPLIANCE and ADMIN): nothing a
 * consumer fails on is skipped silently; it waits here, with its organisation's later events behind it, until a retry
 * handles it (after the cause has been fixed) or a person skips it with a recorded reason.
 * <p>
 * Under {@code /api/v1/compliance/dead-letters/{service}}, the service's short name ({@code icss.service-name}:
 * audit, certification, awards, registry), so that the four services' queues have four paths behind one base URL.
 */
@RestController
@RequestMapping(DeadLetterController.PATH)
public class DeadLetterController {

    /** The path of this service's dead letters: its short name after the shared prefix. */
    public static final String PATH = "/api/v1/compliance/dead-letters/${icss.service-name:${spring.application.name}}";

    private static final int MAX_REASON = 1000;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String processingGroup) {
        if (processingGroup != null) {
            requireQueue(processingGroup);
        }
        List<DeadLetters.Letter> letters = processingGroup == null ? deadLetters.list()
                : deadLetters.list(processingGroup);
        return Map.of("processingGroups", deadLetters.processingGroups(), "count", letters.size(),
                "deadLetters", letters);
    }

    /** Retries every parked sequence of the group once; what fails again stays, with its attempts counted. */
    @PostMapping("/{processingGroup}/retry")
    public DeadLetters.Retried retry(@PathVariable String processingGroup) {
        requireQueue(processingGroup);
        return deadLetters.retry(processingGroup);
    }

    /** Retries one sequence (an organisation's parked events) of the group. */
    @PostMapping("/{processingGroup}/sequences/{sequence}/retry")
    public DeadLetters.Retried retrySequence(@PathVariable String processingGroup, @PathVariable String sequence) {
        requireQueue(processingGroup);
        return deadLetters.retry(processingGroup, sequence);
    }

    /**
     * Skips one dead letter (by its event id) for good, with a reason that is recorded with who skipped it and when;
     * the letters parked behind it in its sequence are retried at once, so its organisation flows again.
     */
    @PostMapping("/{processingGroup}/letters/{eventId}/skip")
    public DeadLetters.Skipped skip(@PathVariable String processingGroup, @PathVariable String eventId,
                                    @RequestBody(required = false) SkipRequest request) {
        requireQueue(processingGroup);
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > MAX_REASON
                || reason.codePoints().anyMatch(Character::isISOControl)) {
            throw Rejected.invalid("A skip needs a reason of 1 to " + MAX_REASON
                    + " characters without control characters; it is kept with the skipped event.",
                    Map.of("reason", "required: why this event may be left unhandled (1 to " + MAX_REASON
                            + " characters)"));
        }
        String caller = ApiCaller.current().map(ApiCaller::toString).orElse("unknown");
        return deadLetters.skip(processingGroup, eventId, reason, caller)
                .orElseThrow(() -> Rejected.notFound("Dead letter of event", eventId + " in " + processingGroup));
    }

    /** The dead letters skipped so far, with their reasons, the latest first. */
    @GetMapping("/skips")
    public Map<String, Object> skips() {
        List<Map<String, Object>> skips = deadLetters.skips();
        return Map.of("count", skips.size(), "skips", skips);
    }

    /** @param reason why the event may be left unhandled, kept with it */
    public record SkipRequest(String reason) {
    }

    private void requireQueue(String processingGroup) {
        if (!deadLetters.hasQueue(processingGroup)) {
            throw new UnknownProcessingGroup(processingGroup, deadLetters.processingGroups());
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(UnknownProcessingGroup.class)
    ResponseEntity<ProblemDetail> unknown(UnknownProcessingGroup e) {
        ProblemDetail problem = LedgerProblemHandler.problem(ProblemType.UNKNOWN_PROCESSING_GROUP,
                "This service has no dead-letter queue for processing group '"
                        + e.group + "'; it has " + e.known + ".", Map.of());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static final class UnknownProcessingGroup extends RuntimeException {
        final String group;
        final java.util.Set<String> known;

        UnknownProcessingGroup(String group, java.util.Set<String> known) {
            super(group);
            this.group = group;
            this.known = known;
        }
    }
}
