package org.icss.ledger.platform.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A key as a row of {@code api_key} holds it, by hash: what the key topic carries and what {@link #merge} combines.
 *
 * @param role       the role's name (a role this build does not know is kept by the topic, never granted here)
 * @param memberBody the member body's name for a MEMBER_BODY key, else null
 * @param revokedAt  null while the key is valid
 * @param replacedBy the successor of a rotated key
 */
public record ApiKeyState(String keyId, String keySha256, String role, String memberBody, String label,
                          Instant createdAt, Instant revokedAt, String replacedBy) {

    /** What a service's table holds after a key's state arrives from the topic. */
    public sealed interface Merged {
    }

    /** The table has no such key: add it as it came (and it is on the topic, so announced). */
    public record Added(ApiKeyState state) implements Merged {
    }

    /**
     * The key is known: {@code state} is what the table holds now; {@code changed} if that differs from before;
     * {@code announced} if the topic's state covers it (else this service has something newer to announce).
     */
    public record Updated(ApiKeyState state, boolean changed, boolean announced) implements Merged {
    }

    /** A key with this id but another hash: not the same key; the table keeps its own (nothing is revoked). */
    public record Conflict(ApiKeyState kept) implements Merged {
    }

    /**
     * The rule every service applies to the key topic, whatever order the announcements of a key arrive in:
     * revocation wins (the earliest revocation and the first successor named are kept; a key is never valid again
     * once revoked), the earliest creation time is kept, and the label is the local one if there is one. A state
     * carrying another hash under the same id is another key and changes nothing.
     *
     * @param local    the table's row, or null
     * @param incoming the state on the topic
     */
    public static Merged merge(ApiKeyState local, ApiKeyState incoming) {
        if (local == null) {
            return new Added(incoming);
        }
        if (!local.keySha256().equals(incoming.keySha256())) {
            return new Conflict(local);
        }
        Instant revokedAt = earliest(local.revokedAt(), incoming.revokedAt());
        String replacedBy = local.replacedBy() != null ? local.replacedBy() : incoming.replacedBy();
        Instant createdAt = earliest(local.createdAt(), incoming.createdAt());
        String label = local.label() != null ? local.label() : incoming.label();
        ApiKeyState merged = new ApiKeyState(local.keyId(), local.keySha256(), local.role(), local.memberBody(), label,
                createdAt, revokedAt, replacedBy);
        boolean announced = Objects.equals(revokedAt, incoming.revokedAt())
                && Objects.equals(replacedBy, incoming.replacedBy());
        return new Updated(merged, !merged.equals(local), announced);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isBefore(a) ? a : b;
    }
}
