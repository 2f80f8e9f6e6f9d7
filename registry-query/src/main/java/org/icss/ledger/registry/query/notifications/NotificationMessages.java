package org.icss.ledger.registry.query.notifications;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The bodies of webhook requests: CloudEvents 1.0 in structured JSON mode ({@code application/cloudevents+json}),
 * written by the CloudEvents Java SDK's Jackson format, so the envelope (specversion, id, source, type, subject, time,
 * datacontenttype and the {@code businessdate} extension) is the specification's own, and {@code data} is JSON inline.
 */
public final class NotificationMessages {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String VERIFICATION_TYPE = "org.icss.webhook.verification";

    private static final JsonFormat FORMAT = new JsonFormat();

    private final URI source;

    /** @param source the CloudEvents {@code source} of every notification (the registry's base URL, say) */
    public NotificationMessages(URI source) {
        this.source = source;
    }

    /** A notification; {@code data} is the stored JSON for the subscription's audience. */
    public byte[] notification(UUID eventId, String type, String organisationId, Instant occurredAt,
                               LocalDate businessDate, String data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(eventId.toString())
                .withSource(source)
                .withType(type)
                .withSubject(organisationId)
                .withTime(OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .withExtension("businessdate", businessDate.toString())
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
        return FORMAT.serialize(event);
    }

    /**
     * The request that verifies a new subscription: its data holds a challenge the receiver must send back in a 2xx
     * answer's body (as {@code {"challenge": "..."}} or on its own) before anything else is delivered.
     */
    public byte[] verification(UUID subscriptionId, String challenge, Instant at) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId("verify-" + subscriptionId)
                .withSource(source)
                .withType(VERIFICATION_TYPE)
                .withSubject(subscriptionId.toString())
                .withTime(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(("{\"subscriptionId\":\"" + subscriptionId + "\",\"challenge\":\"" + challenge + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .build();
        return FORMAT.serialize(event);
    }
}
