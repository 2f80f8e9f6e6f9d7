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
 * Key management of this service (ADMIN keys only; every service has its own keys in its own database, and so its
 * own copy of this endpoint). The key itself is in the answer to an issue or a rotation, and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/admin/keys")
public class ApiKeyAdminController {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAdminController.class);

    private final ApiKeyStore keys;
    private final Clock clock;

    public ApiKeyAdminController(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param memberBody required for, and only for, a MEMBER_BODY key
     */
    public record IssueRequest(@NotNull ApiKeyRole role, MemberBody memberBody, @Text(max = 200) String label) {
    }

    /** @param key the key to send as {@code X-API-Key}; shown this once */
    public record Issued(String keyId, String key, ApiKeyRole role, MemberBody memberBody, String label,
                         String replaces) {

        static Issued of(IssuedKey issued, String replaces) {
            KeyInfo info = issued.info();
            return new Issued(info.keyId(), issued.key(), info.role(), info.memberBody(), info.label(), replaces);
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
        return ResponseEntity.created(location(issued.info().keyId())).body(Issued.of(issued, null));
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
        return ResponseEntity.created(location(issued.info().keyId())).body(Issued.of(issued, keyId));
    }

    /** Revokes a key: refused from the next request on. */
    @DeleteMapping("/{keyId}")
    public ResponseEntity<Void> revoke(@PathVariable String keyId) {
        if (!keys.revoke(keyId, clock.instant())) {
            throw Rejected.notFound("Active key", keyId);
        }
        log.info("revoked key {} by {}", keyId, ApiCaller.current().orElse(null));
        return ResponseEntity.noContent().build();
    }

    private static java.net.URI location(String keyId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/admin/keys/{id}")
                .buildAndExpand(keyId).toUri();
    }
}
