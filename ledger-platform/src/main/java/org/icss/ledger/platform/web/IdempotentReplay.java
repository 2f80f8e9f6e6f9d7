package org.icss.ledger.platform.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which answers an {@code Idempotency-Key} keeps, to replay them to a retry of the same request, and which it lets go,
 * so that a retry with the same key is decided afresh. Kept (replayed): what the same request would get again at any
 * later time. Let go: what can change with time.
 * <table>
 *     <caption>answers and what a retry with the same key gets</caption>
 *     <tr><th>answer</th><th>retry</th></tr>
 *     <tr><td>2xx</td><td>the stored answer</td></tr>
 *     <tr><td>400 malformed body, 403 forbidden, 409 conflict (duplicate, already withdrawn or ended), 410, 413, 415,
 *     422 validation of the body</td><td>the stored answer, unless the refusal is provisional</td></tr>
 *     <tr><td>a provisional refusal ({@link org.icss.ledger.platform.Rejected#provisional()}: an organisation a view
 *     has not caught up with, the 2020 version rule, a date still in the future, a replay under way)</td>
 *     <td>decided afresh</td></tr>
 *     <tr><td>404 (what is unknown now may be known later), 408, 425, 429, any other 4xx, 5xx (503 included)</td>
 *     <td>decided afresh</td></tr>
 * </table>
 * The decision is made from the status and a request attribute the problem handler sets for a provisional
 * {@code Rejected}, never from the wording of an answer.
 */
public final class IdempotentReplay {

    /** Request attribute: {@link Boolean#TRUE} when the answer is a provisional refusal. */
    public static final String PROVISIONAL = IdempotentReplay.class.getName() + ".provisional";

    /** What an Idempotency-Key does with an answer. */
    public enum Decision {
        /** kept with the key; a retry gets it again ({@code Idempotent-Replayed: true}) and nothing runs */
        REPLAY,
        /** the key is released; a retry runs as a new request */
        DECIDE_AFRESH
    }

    private IdempotentReplay() {
    }

    /**
     * @param status      the answer's HTTP status
     * @param provisional whether the answer is a refusal that depends on state that can change with time
     */
    public static Decision of(int status, boolean provisional) {
        if (status >= 200 && status < 300) {
            return Decision.REPLAY;
        }
        if (provisional) {
            return Decision.DECIDE_AFRESH;
        }
        return switch (status) {
            case 400, 403, 409, 410, 413, 415, 422 -> Decision.REPLAY;
            default -> Decision.DECIDE_AFRESH;
        };
    }

    /** Marks the current request's answer as a provisional refusal (no-op outside a request). */
    public static void markProvisional() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(PROVISIONAL, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
