package org.icss.ledger.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what the event is about (name-based UUIDs), so the same report always yields the same
 * event id: a retried command or a replayed history produces identical events, and consumers deduplicate on them.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID of(Class<? extends LedgerEvent> type, String... parts) {
        return UUID.nameUUIDFromBytes((type.getSimpleName() + "|" + String.join("|", parts))
                .getBytes(StandardCharsets.UTF_8));
    }
}
