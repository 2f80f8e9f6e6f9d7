package org.icss.ledger.platform.security;

import org.icss.ledger.platform.input.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.security.ApiKeyStore.IssuedKey;
import org.icss.ledger.platform.security.ApiKeyStore.KeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Key management, at one service only ({@code icss.security.administer-keys=true}: audit-service; ADMIN keys only).
 * A change is made in this service's table and announced on the key topic ({@link ApiKeyTopic}), from which every
 * service's table is projected: the key works, or is refused, on every service. The key itself is in the answer to an
 * issue or a rotation, and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/admin/keys")
public class ApiKeyAdminController {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAdminController.class);

    private final ApiKeyStore keys;
    private final Clock clock;
    private final ApiKeyTopic topic;

    /** @param topic the key topic, or null where there is none (the change then stays at this service) */
    public ApiKeyAdminController(ApiKeyStore keys, Clock clock, ApiKeyTopic topic) {
        this.keys = keys;
        this.clock = clock;
        this.topic = topic;
    }

    /**
     * @param memberBody required for, and only for, a MEMBER_BODY key
     */
    public record IssueRequest(@NotNull ApiKeyRole role, MemberBody memberBody, @Text(max = 200) String label) {
    }

    /**
     * @param key       the key to send as {@code X-API-Key}; shown this once
     * @param announced whether Kafka acknowledged the key on the key topic (then it works on every service within a
     *                  second); if false it works here and is announced again every few seconds until it is
     */
    public record Issued(String keyId, String key, ApiKeyRole role, MemberBody memberBody, String label,
                         String replaces, boolean announced) {

        static Issued of(IssuedKey issued, String replaces, boolean announced) {
            KeyInfo info = issued.info();
            return new Issued(info.keyId(), issued.key(), info.role(), info.memberBody(), info.label(), replaces,
                    announced);
        }
    }

    @PostMapping
    public ResponseEntity<Issued> issue(@Valid @RequestBody IssueRequest request) {
        if ((request.role() == ApiKeyRole.MEMBER_BODY) != (request.memberBody() != null)) {
            throw Rejected.invalid("No key was issued.", Map.of("memberBody", request.role() == ApiKeyRole.MEMBER_BODY
                    ? "is required for a MEMBER_BODY key" : "is only for a MEMBER_BODY key"));
        }
        IssuedKey issued = keys.issue(request.role(), request.memberBody(), request.label());
        log.info("issued {} key {} by {}", request.role(), issued.info().keyId(), ApiCaller.current().orElse(null));
        boolean announced = announce(ApiKeyEvent.ISSUED, issued.info().keyId());
        return ResponseEntity.created(location(issued.info().keyId())).body(Issued.of(issued, null, announced));
    }

    @GetMapping
    public List<KeyInfo> list() {
        return keys.all();
    }

    @GetMapping("/{keyId}")
    public KeyInfo key(@PathVariable String keyId) {
        return keys.find(keyId).orElseThrow(() -> Rejected.notFound("Key", keyId));
    }

    /** A new key of the same role and member body; the old one is revoked at once. */
    @PostMapping("/{keyId}/rotation")
    public ResponseEntity<Issued> rotate(@PathVariable String keyId) {
        IssuedKey issued = keys.rotate(keyId, clock.instant())
                .orElseThrow(() -> Rejected.notFound("Active key", keyId));
        log.info("rotated key {} to {} by {}", keyId, issued.info().keyId(), ApiCaller.current().orElse(null));
        boolean announced = announce(ApiKeyEvent.ISSUED, issued.info().keyId())
                & announce(ApiKeyEvent.ROTATED, keyId);
        return ResponseEntity.created(location(issued.info().keyId())).body(Issued.of(issued, keyId, announced));
    }

    /**
     * Revokes a key: refused here from the next request on, and on every other service as soon as the revocation
     * arrives from the key topic (announced again every few seconds while Kafka does not acknowledge it).
     */
    @DeleteMapping("/{keyId}")
    public ResponseEntity<Void> revoke(@PathVariable String keyId) {
        if (!keys.revoke(keyId, clock.instant())) {
            throw Rejected.notFound("Active key", keyId);
        }
        log.info("revoked key {} by {}", keyId, ApiCaller.current().orElse(null));
        announce(ApiKeyEvent.REVOKED, keyId);
        return ResponseEntity.noContent().build();
    }

    private boolean announce(String type, String keyId) {
        return topic != null && topic.publish(type, keyId);
    }

    private static java.net.URI location(String keyId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/admin/keys/{id}")
                .buildAndExpand(keyId).toUri();
    }
}
