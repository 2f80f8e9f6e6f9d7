package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/** The registry's public signing keys, for checking signed answers offline (RFC 7517 JWK Set). */
@RestController
@Tag(name = "Registry", description = "Public lookups: search, standing with reasons, timeline, certificates, Platinum")
public class JwksController {

    private final AnswerSigner signer;

    public JwksController(AnswerSigner signer) {
        this.signer = signer;
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(summary = "The keys that verify signed answers", description = "Current and retired public keys.")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .contentType(MediaType.valueOf("application/jwk-set+json")).body(signer.jwks());
    }
}
