package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.input.Text;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.registry.config.NotificationProperties;
import org.icss.ledger.registry.query.notifications.NotificationType;
import org.icss.ledger.registry.query.notifications.OrganisationOwners;
import org.icss.ledger.registry.query.notifications.Subscriptions;
import org.icss.ledger.registry.query.notifications.Subscriptions.Audience;
import org.icss.ledger.registry.query.notifications.Subscriptions.Subscription;
import org.icss.ledger.registry.query.notifications.TargetGuard;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Webhook subscriptions (issue 19): who may subscribe to what, and the owner's view of a subscription and its
 * delivery log. A member body's key subscribes to organisations it registered (named, or all of them, present and
 * future) and receives the full notifications; COMPLIANCE (and ADMIN) to any or every organisation; a WATCHER key to
 * named organisations only, and receives their public standing only. A subscription is its owner's alone: another
 * caller gets 404, as for one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Status-change notifications by webhook: CloudEvents, Standard Webhooks "
        + "signatures")
public class SubscriptionController {

    private static final int MAX_ORGANISATIONS = 1000;
    private static final int MAX_LOG = 200;

    private final Subscriptions subscriptions;
    private final OrganisationOwners owners;
    private final TargetGuard guard;
    private final NotificationProperties properties;

    public SubscriptionController(Subscriptions subscriptions, OrganisationOwners owners, TargetGuard guard,
                                  NotificationProperties properties) {
        this.subscriptions = subscriptions;
        this.owners = owners;
        this.guard = guard;
        this.properties = properties;
    }

    /**
     * @param targetUrl         where notifications are POSTed: https (http only in the local profile)
     * @param eventTypes        CloudEvents types, e.g. {@code org.icss.standing.changed}
     * @param allOrganisations  every organisation the caller may follow (a member body: those it registered, now and
     *                          later; compliance: all); not for a watcher
     * @param organisations     the organisations followed, when not all
     */
    public record SubscriptionRequest(@NotNull @Text(max = 2000) String targetUrl,
                                      @NotEmpty @Size(max = 10) List<@NotNull @Size(max = 60) String> eventTypes,
                                      Boolean allOrganisations,
                                      @Size(max = MAX_ORGANISATIONS) List<@NotNull @Size(max = 100) String> organisations) {
    }

    /** A new subscription; {@code secret} is shown this once (Standard Webhooks {@code whsec_...}). */
    public record Created(Subscription subscription, String secret, String verification) {
    }

    public record Rotated(UUID subscriptionId, String secret, Instant previousSecretValidUntil) {
    }

    public record Redelivery(UUID subscriptionId, LocalDate from, int queued) {
    }

    @PostMapping
    @Operation(summary = "Subscribe a webhook",
            description = "Answers 201 with the subscription and its secret, shown this once. The receiver first "
                    + "gets a verification request (type org.icss.webhook.verification) and must answer it with a "
                    + "2xx whose body holds the challenge; nothing else is delivered before.")
    public ResponseEntity<Created> create(@Valid @RequestBody SubscriptionRequest request) {
        ApiCaller caller = caller();
        List<String> types = new ArrayList<>(new LinkedHashSet<>(request.eventTypes()));
        Map<String, String> errors = new TreeMap<>();
        types.stream().filter(t -> NotificationType.of(t).isEmpty()).findFirst().ifPresent(t -> errors.put(
                "eventTypes", "has an unknown type " + t + "; known: " + known()));
        guard.refusal(request.targetUrl()).ifPresent(why -> errors.put("targetUrl", why));
        boolean all = Boolean.TRUE.equals(request.allOrganisations());
        List<String> organisations = request.organisations() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(request.organisations()));
        if (all && !organisations.isEmpty()) {
            errors.put("organisations", "must be left out when allOrganisations is true");
        } else if (!all && organisations.isEmpty()) {
            errors.put("organisations", "must name at least one organisation, or set allOrganisations");
        }
        if (all && caller.role() == ApiKeyRole.WATCHER) {
            errors.put("allOrganisations", "is not for a watcher's key: name the organisations");
        }
        if (!errors.isEmpty()) {
            throw Rejected.invalid("No subscription was created.", errors);
        }
        if (!organisations.isEmpty()) {
            Map<String, String> known = owners.memberBodies(organisations);
            Optional<String> unknown = organisations.stream().filter(id -> !known.containsKey(id)).findFirst();
            if (unknown.isPresent()) {
                // the registry may not have seen a new organisation yet: a retry may succeed
                throw Rejected.invalid("No subscription was created.", Map.of("organisations",
                        "names " + unknown.get() + ", which the registry does not know")).provisional();
            }
            if (caller.role() == ApiKeyRole.MEMBER_BODY) {
                organisations.stream().filter(id -> !caller.memberBody().name().equals(known.get(id))).findFirst()
                        .ifPresent(id -> {
                            throw Rejected.forbidden("Organisation " + id + " was registered by another member body.");
                        });
            }
        }
        Subscriptions.Created created = subscriptions.create(new Subscriptions.NewSubscription(owner(caller),
                caller.role() == ApiKeyRole.WATCHER ? Audience.PUBLIC : Audience.FULL, all,
                all && caller.role() == ApiKeyRole.MEMBER_BODY ? caller.memberBody().name() : null, organisations,
                types, request.targetUrl()));
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.subscription().id()))
                .cacheControl(CacheControl.noStore())
                .body(new Created(created.subscription(), created.secret(), "A verification request is on its way "
                        + "to the target; it must answer with the challenge before anything is delivered."));
    }

    @GetMapping
    @Operation(summary = "The caller's subscriptions", description = "With their state (PENDING_VERIFICATION, ACTIVE, "
            + "FAILING) and how many deliveries are pending.")
    public List<Subscription> list() {
        return subscriptions.owned(owner(caller()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's subscriptions")
    public Subscription subscription(@PathVariable UUID id) {
        return owned(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a subscription", description = "Nothing more is sent; pending deliveries are "
            + "cancelled; the delivery log stays.")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        owned(id);
        subscriptions.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/secret")
    @Operation(summary = "Rotate the signing secret", description = "The new secret is shown this once; the previous "
            + "one keeps signing beside it (a second signature in webhook-signature) for the overlap.")
    public ResponseEntity<Rotated> rotate(@PathVariable UUID id) {
        owned(id);
        String secret = subscriptions.rotate(id, properties.rotationOverlap());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Rotated(id, secret,
                subscriptions.find(id).map(Subscription::previousSecretValidUntil).orElse(null)));
    }

    @PostMapping("/{id}/redeliver")
    @Operation(summary = "Deliver again from a date", description = "Every notification for this subscription "
            + "announced on or after the date (UTC), in order, after what is pending; each keeps its webhook-id.")
    public ResponseEntity<Redelivery> redeliver(@PathVariable UUID id, @RequestParam LocalDate from) {
        owned(id);
        return ResponseEntity.accepted().body(new Redelivery(id, from, subscriptions.redeliver(id, from)));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The delivery log", description = "Newest first: each attempt's status code or error, "
            + "latency and at most 1 KB of the receiver's answer; before pages back by attemptId.")
    public List<Subscriptions.Attempt> deliveries(@PathVariable UUID id,
                                                  @RequestParam(required = false) Long before,
                                                  @RequestParam(defaultValue = "50") int limit) {
        owned(id);
        if (limit < 1 || limit > MAX_LOG) {
            throw Rejected.invalid("Bad limit.", Map.of("limit", "must be between 1 and " + MAX_LOG));
        }
        return subscriptions.log(id, before, limit);
    }

    private Subscription owned(UUID id) {
        String owner = owner(caller());
        return subscriptions.find(id).filter(s -> s.owner().equals(owner))
                .orElseThrow(() -> Rejected.notFound("Subscription", id.toString()));
    }

    private static ApiCaller caller() {
        ApiCaller caller = ApiCaller.current().orElseThrow(() -> Rejected.forbidden("A key is needed."));
        if (caller.role() == ApiKeyRole.SECRETARIAT) {
            throw Rejected.forbidden("The secretariat's key does not subscribe to notifications.");
        }
        return caller;
    }

    /**
     * Whose subscriptions these are: a member body's (any of its keys), compliance's or an administrator's (shared by
     * their keys), or one watcher key's own.
     */
    static String owner(ApiCaller caller) {
        return switch (caller.role()) {
            case MEMBER_BODY -> "member-body:" + caller.memberBody().name();
            case WATCHER -> "key:" + caller.keyId();
            default -> "role:" + caller.role().name();
        };
    }

    private static String known() {
        return String.join(", ", java.util.Arrays.stream(NotificationType.values()).map(NotificationType::type)
                .toList());
    }
}
