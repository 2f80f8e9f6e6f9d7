package org.icss.ledger.registry.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Today's standing answers as the registry last wrote them, ready to send: the JSON bytes of an organisation's answer,
 * kept with the entity tag of the precomputed answer they were rendered from. A lookup whose tag matches sends the
 * bytes; any other tag (the answer was computed again, the day changed, a replay switched generations) renders again
 * and replaces them. So a hot organisation's answer is decoded and encoded once per change, not once per request. At
 * most {@code capacity} organisations are kept, the least recently read dropped first
 * ({@code icss.registry.rendered-answers}).
 */
final class RenderedAnswers {

    private record Rendered(String tag, byte[] body) {
    }

    private final Map<String, Rendered> kept;

    RenderedAnswers(int capacity) {
        this.kept = Collections.synchronizedMap(new LinkedHashMap<>(Math.max(16, Math.min(capacity, 1 << 16)), 0.75f,
                true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Rendered> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The answer of {@code organisationId} rendered from the answer tagged {@code tag}, rendering it if needed. */
    byte[] get(String organisationId, String tag, Supplier<byte[]> render) {
        Rendered rendered = kept.get(organisationId);
        if (rendered != null && rendered.tag().equals(tag)) {
            return rendered.body();
        }
        byte[] body = render.get();
        kept.put(organisationId, new Rendered(tag, body));
        return body;
    }
}
