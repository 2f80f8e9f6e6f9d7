package org.icss.ledger.platform.positions;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.icss.ledger.events.LedgerEvent;
import org.springframework.http.HttpHeaders;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The position of the event a write records, for its answer ({@code ICSS-Position} and the body's {@code position}).
 * A controller sends its command inside {@link #recording}: the service's event bus hands every event published on
 * this thread meanwhile to {@link #interceptor()}, which keeps the last {@link LedgerEvent} (a write records one
 * event). Events published on other threads (a processor's) are not seen. Nothing is read from the database: the
 * event's id is known when it is applied, before it is stored, and is what the registry deduplicates on.
 */
public class EventPositions {

    /** The response header carrying a write's position. */
    public static final String HEADER = "ICSS-Position";

    private static final ThreadLocal<LedgerEvent[]> RECORDING = new ThreadLocal<>();

    private final String service;

    /**
     * @param service this service's name in positions: {@code audit}, {@code certification} or {@code awards}; null
     *                for a service that records no events of the published language (no positions)
     */
    public EventPositions(String service) {
        this.service = service;
    }

    /** The service name of a service publishing to {@code publishTopic} ({@code icss.<service>.events}), or null. */
    public static String serviceOf(String publishTopic) {
        if (publishTopic == null) {
            return null;
        }
        String[] parts = publishTopic.split("\\.");
        return parts.length == 3 && Position.SERVICES.contains(parts[1]) ? parts[1] : null;
    }

    /** A value and the position of the event recorded while computing it (null when none was). */
    public record Recorded<T>(T value, Position position) {
        public String positionText() {
            return position == null ? null : position.toString();
        }
    }

    /** Runs {@code write} (which sends a command on this thread) and returns its result with its event's position. */
    public <T> Recorded<T> recording(Supplier<T> write) {
        LedgerEvent[] outer = RECORDING.get();
        LedgerEvent[] last = new LedgerEvent[1];
        RECORDING.set(last);
        try {
            T value = write.get();
            return new Recorded<>(value, positionOf(last[0]));
        } finally {
            if (outer != null) {
                outer[0] = last[0] == null ? outer[0] : last[0];
                RECORDING.set(outer);
            } else {
                RECORDING.remove();
            }
        }
    }

    /** The event's position; none for no event, or a key a position cannot carry (the write stands regardless). */
    private Position positionOf(LedgerEvent event) {
        if (event == null || service == null) {
            return null;
        }
        try {
            return new Position(service, event.partitionKey(), event.eventId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@link #recording} for a write with no result of its own: its position as text (null when nothing was recorded). */
    public String positionOf(Runnable write) {
        return recording(() -> {
            write.run();
            return null;
        }).positionText();
    }

    /** The {@link #HEADER} of a write's answer: none when the write recorded no event. */
    public static HttpHeaders headers(String position) {
        HttpHeaders headers = new HttpHeaders();
        if (position != null) {
            headers.set(HEADER, position);
        }
        return headers;
    }

    /** Notes each {@link LedgerEvent} published on a thread that is {@link #recording}. */
    public static MessageDispatchInterceptor<EventMessage<?>> interceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
                LedgerEvent[] last = RECORDING.get();
                if (last != null) {
                    for (EventMessage<?> message : messages) {
                        if (message.getPayload() instanceof LedgerEvent event) {
                            last[0] = event;
                        }
                    }
                }
                return (index, message) -> message;
            }
        };
    }
}
