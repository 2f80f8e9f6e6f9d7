package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.StandingReader;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Verifiable credentials of the registry (Open Badges 3.0 as W3C VC 2.0, secured as VC-JOSE) and its Bitstring Status
 * Lists. Public, like the registry; {@code application/vc+jwt}.
 */
@RestController
@RequestMapping("/api/v1/registry")
@Tag(name = "Registry", description = "Public lookups: search, standing with reasons, timeline, certificates, Platinum")
public class CredentialController {

    static final MediaType VC_JWT = MediaType.valueOf("application/vc+jwt");

    private final Credentials credentials;
    private final StandingReader standings;
    private final Clock clock;

    public CredentialController(Credentials credentials, StandingReader standings, Clock clock) {
        this.credentials = credentials;
        this.standings = standings;
        this.clock = clock;
    }

    @GetMapping("/certificates/{number}/credential")
    @Operation(summary = "A certificate as an Open Badges 3.0 credential",
            description = "A JWT (typ vc+jwt, ES256; /.well-known/jwks.json verifies it) whose payload is an "
                    + "OpenBadgeCredential: issuer the council, subject the organisation, the achievement naming the "
                    + "tier and standard version, validFrom and validUntil of the certificate, and credentialStatus "
                    + "entries in the revocation and suspension status lists. download=true saves it as a file.")
    public ResponseEntity<String> certificate(@PathVariable String number,
                                              @RequestParam(defaultValue = "false") boolean download,
                                              HttpServletRequest request) {
        String credential = credentials.certificate(number.strip(), base(request))
                .orElseThrow(() -> Rejected.notFound("Certificate", number));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(VC_JWT).cacheControl(CacheControl.noCache());
        if (download) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(number.strip().replaceAll("[^A-Za-z0-9-]", "_") + ".vc.jwt").build().toString());
        }
        return answer.body(credential);
    }

    @GetMapping("/organisations/{organisationId}/platinum-credential")
    @Operation(summary = "Today's Platinum standing as an Open Badges 3.0 credential",
            description = "valid from today until the last day Platinum holds on what is known; 404 when the "
                    + "organisation is not Platinum today.")
    public ResponseEntity<String> platinum(@PathVariable String organisationId, HttpServletRequest request) {
        StandingReader.OrganisationStanding standing = standings.standing(organisationId, LocalDate.now(clock), null)
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
        return ResponseEntity.ok().contentType(VC_JWT).cacheControl(CacheControl.noCache()).body(
                credentials.platinum(standing, base(request)).orElseThrow(() -> Rejected.notFound(
                        "Platinum standing today of organisation", organisationId)));
    }

    @GetMapping("/status-lists/{purpose}")
    @Operation(summary = "A Bitstring Status List credential", description = "purpose revocation or suspension; a "
            + "certificate's bit is at its credential's statusListIndex (W3C Bitstring Status List v1.0).")
    public ResponseEntity<String> statusList(@PathVariable String purpose, HttpServletRequest request) {
        if (!purpose.equals("revocation") && !purpose.equals("suspension")) {
            throw Rejected.notFound("Status list", purpose);
        }
        return ResponseEntity.ok().contentType(VC_JWT).cacheControl(CacheControl.noCache())
                .body(credentials.statusList(purpose, base(request)));
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
