package org.icss.ledger.platform.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A change of an API key as published on the key topic ({@code icss.keys}, JSON, keyed by key id): the key's whole
 * state after the change, so that reading the topic from offset 0 (or its compacted form) rebuilds every service's
 * {@code api_key} table. Only the SHA-256 of the key travels, never the key. The role and member body are names, not
 * enums, so that a service that does not know a newer role reads the event and ignores the key.
 *
 * @param type       {@link #ISSUED}, {@link #ROTATED} (the old key of a rotation, now revoked and replaced),
 *                   {@link #REVOKED} or {@link #ANNOUNCED} (a key that existed before the topic, or was seeded)
 * @param keySha256  lower-case hex SHA-256 of the key
 * @param memberBody the member body of a MEMBER_BODY key, else null
 * @param revokedAt  null while the key is valid
 * @param replacedBy the key id of its successor, for a rotated key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyEvent(String type, String keyId, String keySha256, String role, String memberBody, String label,
                          Instant createdAt, Instant revokedAt, String replacedBy) {

    public static final String ISSUED = "ISSUED";
    public static final String ROTATED = "ROTATED";
    public static final String REVOKED = "REVOKED";
    public static final String ANNOUNCED = "ANNOUNCED";

    /** The state this event carries. */
    public ApiKeyState state() {
        return new ApiKeyState(keyId, keySha256, role, memberBody, label, createdAt, revokedAt, replacedBy);
    }

    public static ApiKeyEvent of(String type, ApiKeyState state) {
        return new ApiKeyEvent(type, state.keyId(), state.keySha256(), state.role(), state.memberBody(),
                state.label(), state.createdAt(), state.revokedAt(), state.replacedBy());
    }
}
