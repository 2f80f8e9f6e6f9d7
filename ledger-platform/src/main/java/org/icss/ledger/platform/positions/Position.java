package org.icss.ledger.platform.positions;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a write's event stands, as a client can hand it to the registry to ask whether the registry has applied it:
 * {@code <service>:<key>:<eventId>}, e.g. {@code audit:5b0c...:9e1f...}. The event id is global (a name-based UUID,
 * the one every consumer deduplicates on), so the registry answers from the events it has applied, whatever
 * partition or segment brought them; the key (the event's Kafka record key: the organisation, or the professional)
 * says which organisation's precomputed answers show it, and the service which topic carries it.
 *
 * @param service the writing service: {@code audit}, {@code certification} or {@code awards}
 * @param key     the event's partition key (an organisation or professional id)
 * @param eventId the event's id
 */
public record Position(String service, String key, UUID eventId) {

    public static final Set<String> SERVICES = Set.of("audit", "certification", "awards");

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public Position {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("the service must be one of " + SERVICES.stream().sorted().toList());
        }
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("the key must be 1 to 100 letters, digits, '-' or '_'");
        }
        if (eventId == null) {
            throw new IllegalArgumentException("the event id is missing");
        }
    }

    /** Reads a position as {@link #toString} writes it; anything else is an {@link IllegalArgumentException}. */
    public static Position parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a position is <service>:<key>:<eventId>");
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a position is <service>:<key>:<eventId>");
        }
        if (!UUID_TEXT.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("the event id must be a UUID");
        }
        return new Position(parts[0], parts[1], UUID.fromString(parts[2]));
    }

    @Override
    public String toString() {
        return service + ":" + key + ":" + eventId;
    }
}
