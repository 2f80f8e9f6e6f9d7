package org.icss.ledger.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.Condition;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.PlatinumStanding;
import org.icss.ledger.registry.config.RegistryProperties;
import org.icss.ledger.registry.query.registry.CertificateReader;
import org.icss.ledger.registry.query.registry.CertificateReader.CertificateCheck;
import org.icss.ledger.registry.query.registry.Histories.OrganisationSummary;
import org.icss.ledger.registry.query.registry.HistoryProofs;
import org.icss.ledger.registry.query.registry.OverviewReader;
import org.icss.ledger.registry.query.registry.SearchReader;
import org.icss.ledger.registry.query.registry.StandingReader;
import org.icss.ledger.registry.query.registry.StandingReader.AwardView;
import org.icss.ledger.registry.query.registry.StandingReader.CertificateView;
import org.icss.ledger.registry.query.registry.StandingReader.Current;
import org.icss.ledger.registry.query.registry.StandingReader.OrganisationStanding;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.icss.ledger.registry.query.registry.StandingPolicy.TimelineEntry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The public registry: no key needed. Dates are business dates; {@code knownAt} an instant (ISO-8601, UTC). Every
 * answer carries an entity tag and a short Cache-Control ({@code icss.registry.cache-max-age}); today's standing is
 * tagged by the version of its precomputed answer, so a conditional GET of it is answered 304 without reading more.
 * Constrained parameters ({@code page}, {@code size}, {@code latest}) are checked by Spring MVC's own method
 * validation, for the methods that have them only (not a {@code @Validated} proxy around every call).
 */
@RestController
@RequestMapping("/api/v1/registry")
@Tag(name = "Registry", description = "Public lookups: search, standing with reasons, timeline, certificates, Platinum")
public class RegistryController {

    private final StandingReader standings;
    private final SearchReader searches;
    private final CertificateReader certificates;
    private final OverviewReader overviews;
    private final AnswerSigner signer;
    private final HistoryProofs proofs;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final RenderedAnswers rendered;
    private final CacheControl cacheControl;
    private final CacheControl markCacheControl;
    /** A mark is embedded on other sites: a change of standing shows there within 5 minutes at the most. */
    private static final java.time.Duration MARK_MAX_AGE = java.time.Duration.ofMinutes(5);

    public RegistryController(StandingReader standings, SearchReader searches, CertificateReader certificates,
                              OverviewReader overviews, AnswerSigner signer, HistoryProofs proofs, Clock clock,
                              RegistryProperties properties, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.rendered = new RenderedAnswers(properties.renderedAnswers());
        this.proofs = proofs;
        this.overviews = overviews;
        this.signer = signer;
        this.standings = standings;
        this.searches = searches;
        this.certificates = certificates;
        this.clock = clock;
        this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic();
        this.markCacheControl = CacheControl.maxAge(properties.cacheMaxAge().compareTo(MARK_MAX_AGE) < 0
                ? properties.cacheMaxAge() : MARK_MAX_AGE).cachePublic();
    }

    public record Page<T>(int page, int size, long total, List<T> items) {
    }

    public record SearchHit(String organisationId, String name, String country, String memberBody, Tier tier,
                            CertificateStatus status, String certificateNumber) {
    }

    /**
     * Why the organisation stands where it does: a sentence, the events behind its tier (award and status changes),
     * and each Platinum condition (met or missing, with its events, the day it holds through and, when missing, the
     * first later day it would be met).
     */
    public record Reasons(String summary, List<UUID> tierEventIds, boolean platinum, LocalDate platinumHoldsThrough,
                          List<Condition> platinumConditions) {
    }

    public record OrganisationResponse(OrganisationSummary organisation, LocalDate asOf, Instant knownAt, Tier tier,
                                       CertificateStatus status, CertificateView certificate, List<AwardView> awards,
                                       Reasons reasons) {
    }

    public record TimelineResponse(OrganisationSummary organisation, LocalDate through, Instant knownAt,
                                   List<TimelineEntry> entries) {
    }

    /** A page of the organisations that are Platinum on asOf, by name; {@code total} in all. */
    public record PlatinumResponse(LocalDate asOf, Instant knownAt, int page, int size, long total,
                                   List<OrganisationResponse> organisations) {
    }

    /**
     * A certificate checked on a date: VALID while ACTIVE, otherwise SUSPENDED, WITHDRAWN, EXPIRED or SUPERSEDED
     * (by a newer certificate), NOT_YET_VALID before its award; UNKNOWN (with 404) for a number the registry does
     * not know or whose award was revoked.
     */
    public record Verification(String certificateNumber, String verdict, LocalDate checkedOn, Instant knownAt,
                               LocalDate validFrom, LocalDate validUntil, LocalDate statusSince,
                               String organisationName, CertificateView certificate, List<Change> changes) {
    }

    @GetMapping("/organisations")
    @Operation(summary = "Search organisations",
            description = "By part of the name (case and accents ignored), country, member body, and tier or status "
                    + "on asOf (today by default); sorted by name then id, so pages are stable.")
    public ResponseEntity<Page<SearchHit>> search(@RequestParam(required = false) String q,
                                  @RequestParam(required = false) String country,
                                  @RequestParam(required = false) String memberBody,
                                  @RequestParam(required = false) Tier tier,
                                  @RequestParam(required = false) CertificateStatus status,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate asOf,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        SearchReader.SearchResult result = searches.search(new SearchReader.SearchQuery(q, country, memberBody, tier,
                status, date(asOf), page, size));
        return cached(new Page<>(page, size, result.total(), result.items().stream().map(hit -> new SearchHit(
                hit.organisation().organisationId(), hit.organisation().name(), hit.organisation().country(),
                hit.organisation().memberBody(), hit.tier(), hit.status(), hit.certificateNumber())).toList()));
    }

    @GetMapping("/overview")
    @Operation(summary = "The registry at a glance",
            description = "Certified organisations on asOf (today by default) by tier and by country, and the latest "
                    + "certificate awards and status changes (size of that list: latest, at most 50).")
    public ResponseEntity<OverviewReader.Overview> overview(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int latest) {
        return cached(overviews.overview(date(asOf), latest));
    }

    @GetMapping("/organisations/{organisationId}")
    @Operation(summary = "An organisation's standing with its reasons",
            description = "On asOf (a business date, today by default), as the ledger knew it at knownAt (an instant; "
                    + "everything recorded by default): events recorded after knownAt, revocations included, do "
                    + "not count.")
    public ResponseEntity<?> organisation(
            @PathVariable String organisationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "ISO-8601 instant, e.g. 2026-01-31T12:00:00Z")
            @RequestParam(required = false) Instant knownAt,
            @Parameter(description = "answer as a compact JWS (as Accept: application/jose does)")
            @RequestParam(defaultValue = "false") boolean signed,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            WebRequest request) {
        LocalDate date = date(asOf);
        if (signed || jose(accept)) {
            OrganisationResponse answer = standings.standing(organisationId, date, knownAt)
                    .map(s -> response(s, knownAt))
                    .orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("kind", "organisation");
            question.put("organisationId", organisationId);
            question.put("asOf", date.toString());
            question.put("knownAt", knownAt == null ? null : knownAt.toString());
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("organisationName", answer.organisation().name());
            claims.put("tier", answer.tier().name());
            claims.put("status", answer.status() == null ? null : answer.status().name());
            claims.put("certificateNumber", answer.certificate() == null ? null
                    : answer.certificate().certificateNumber());
            claims.put("validUntil", answer.certificate() == null ? null : answer.certificate().validUntil().toString());
            claims.put("platinum", answer.reasons().platinum());
            return jose(HttpStatus.OK, signer.sign(question, claims));
        }
        if (knownAt == null && date.equals(LocalDate.now(clock))) {
            Optional<Current> current = standings.current(organisationId);
            if (current.isPresent()) {
                Current kept = current.get();
                if (request.checkNotModified(kept.tag())) {
                    return null;
                }
                byte[] body = rendered.get(organisationId, kept.tag(), () -> json(response(standings.decode(kept),
                        null)));
                return ResponseEntity.ok().eTag(kept.tag()).cacheControl(cacheControl).varyBy(HttpHeaders.ACCEPT)
                        .contentType(MediaType.APPLICATION_JSON).body(body);
            }
        }
        return cached(standings.standing(organisationId, date, knownAt).map(s -> response(s, knownAt))
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId)));
    }

    private byte[] json(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an answer that does not write as JSON", e);
        }
    }

    private static boolean jose(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(JOSE.toString());
    }

    private static ResponseEntity<String> jose(HttpStatus status, String jws) {
        return ResponseEntity.status(status).contentType(JOSE).cacheControl(CacheControl.noStore()).body(jws);
    }

    /** A compact JWS (RFC 7515). */
    private static final MediaType JOSE = MediaType.valueOf("application/jose");

    @GetMapping(value = "/organisations/{organisationId}/mark.svg", produces = "image/svg+xml")
    @Operation(summary = "The live certification mark",
            description = "An SVG badge of today's standing (tier, status, the day it was verified) linking to the "
                    + "organisation's page; suspended, withdrawn and expired say so. Cached for at most 5 minutes.")
    public ResponseEntity<String> mark(@PathVariable String organisationId, WebRequest request,
                                       jakarta.servlet.http.HttpServletRequest http) {
        LocalDate today = LocalDate.now(clock);
        Optional<Current> current = standings.current(organisationId);
        if (current.isPresent() && request.checkNotModified(current.get().tag().replace("\"", "") + ".mark")) {
            return null;
        }
        OrganisationStanding found = current.map(standings::decode)
                .or(() -> standings.standing(organisationId, today, null))
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId));
        String page = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(http)
                .path("/").fragment("/organisations/" + organisationId).build().toUriString();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(markCacheControl)
                .contentType(org.springframework.http.MediaType.valueOf("image/svg+xml"));
        current.ifPresent(c -> answer.eTag(c.tag().replace("\"", "") + ".mark"));
        return answer.body(CertificationMark.svg(found.organisation().name(), found.standing().tier(),
                found.standing().status(), today, page));
    }

    @GetMapping("/organisations/{organisationId}/history/proof")
    @Operation(summary = "Proof of an organisation's compliance history",
            description = "Its hash chain (each entry's payload hash, previous hash and entry hash; the canonical "
                    + "payloads too for a COMPLIANCE or ADMIN key), the head the latest daily checkpoint holds, the "
                    + "Merkle path to the checkpoint's root and the checkpoint signed by the registry (a JWS that "
                    + "/.well-known/jwks.json verifies). SHA-256 throughout; see docs/ARCHITECTURE.md.")
    public ResponseEntity<HistoryProofs.Proof> proof(@PathVariable String organisationId) {
        boolean payloads = org.icss.ledger.platform.security.ApiCaller.current()
                .map(caller -> caller.role() == org.icss.ledger.platform.security.ApiKeyRole.COMPLIANCE
                        || caller.role() == org.icss.ledger.platform.security.ApiKeyRole.ADMIN).orElse(false);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(proofs.proof(organisationId, payloads)
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId)));
    }

    @GetMapping("/organisations/{organisationId}/timeline")
    @Operation(summary = "Status timeline", description = "Every change of tier (Platinum included) or status up to "
            + "through (today by default), with its reason and the events that caused it.")
    public ResponseEntity<TimelineResponse> timeline(
            @PathVariable String organisationId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate through,
            @RequestParam(required = false) Instant knownAt) {
        LocalDate date = date(through);
        return cached(standings.timeline(organisationId, date, knownAt)
                .map(t -> new TimelineResponse(t.organisation(), date, knownAt, t.entries()))
                .orElseThrow(() -> Rejected.notFound("Organisation", organisationId)));
    }

    @GetMapping("/platinum")
    @Operation(summary = "Platinum organisations on a date", description = "Platinum is derived, never posted. "
            + "Sorted by name then id, a page at a time.")
    public ResponseEntity<PlatinumResponse> platinum(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        LocalDate date = date(asOf);
        StandingReader.PlatinumPage found = standings.platinum(date, knownAt, page, size);
        return cached(new PlatinumResponse(date, knownAt, page, size, found.total(),
                found.organisations().stream().map(s -> response(s, knownAt)).toList()));
    }

    @GetMapping("/certificates/{number}")
    @Operation(summary = "Verify a certificate number",
            description = "Verdict on asOf (today by default): VALID, SUSPENDED, WITHDRAWN, EXPIRED, SUPERSEDED, "
                    + "NOT_YET_VALID; 404 with verdict UNKNOWN for a number not known (or revoked) at knownAt.")
    public ResponseEntity<?> verify(
            @PathVariable String number,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt,
            @Parameter(description = "answer as a compact JWS (as Accept: application/jose does)")
            @RequestParam(defaultValue = "false") boolean signed,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        LocalDate date = date(asOf);
        Optional<Verification> found = certificates.certificate(number.strip(), date, knownAt)
                .map(check -> verification(check, date, knownAt));
        Verification answer = found.orElseGet(() -> new Verification(number, "UNKNOWN", date, knownAt, null, null,
                null, null, null, List.of()));
        HttpStatus status = found.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND;
        if (signed || jose(accept)) {
            Map<String, Object> question = new LinkedHashMap<>();
            question.put("kind", "certificate");
            question.put("certificateNumber", number);
            question.put("asOf", date.toString());
            question.put("knownAt", knownAt == null ? null : knownAt.toString());
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("verdict", answer.verdict());
            claims.put("organisationName", answer.organisationName());
            claims.put("tier", answer.certificate() == null ? null : answer.certificate().tier());
            claims.put("standardVersion", answer.certificate() == null ? null
                    : answer.certificate().standardVersion());
            claims.put("validFrom", answer.validFrom() == null ? null : answer.validFrom().toString());
            claims.put("validUntil", answer.validUntil() == null ? null : answer.validUntil().toString());
            claims.put("statusSince", answer.statusSince() == null ? null : answer.statusSince().toString());
            return jose(status, signer.sign(question, claims));
        }
        return found.isPresent() ? cached(answer)
                : ResponseEntity.status(status).body(answer);
    }

    private static Verification verification(CertificateCheck check, LocalDate date, Instant knownAt) {
        CertificateView certificate = check.certificate();
        String verdict = check.status().map(s -> s == CertificateStatus.ACTIVE ? "VALID" : s.name())
                .orElse("NOT_YET_VALID");
        LocalDate since = check.status().isEmpty() ? null : certificate.awardedOn();
        for (Change change : check.changes()) {
            if (!change.on().isAfter(date)) {
                since = change.on();
            }
        }
        if (check.status().orElse(null) == CertificateStatus.EXPIRED && !certificate.validUntil().isAfter(date)) {
            since = certificate.validUntil();
        }
        return new Verification(certificate.certificateNumber(), verdict, date, knownAt, certificate.awardedOn(),
                certificate.validUntil(), since, check.organisation() == null ? null : check.organisation().name(),
                certificate, check.changes());
    }

    static OrganisationResponse response(OrganisationStanding found, Instant knownAt) {
        Standing standing = found.standing();
        PlatinumStanding platinum = standing.platinum();
        return new OrganisationResponse(found.organisation(), standing.date(), knownAt, standing.tier(),
                standing.status(), StandingReader.view(standing, found.organisation().organisationId()),
                found.awards(), new Reasons(summary(standing), standing.tierEventIds(), platinum.platinum(),
                platinum.holdsThrough(), platinum.conditions()));
    }

    /** One readable sentence or two: why this tier, and why (not) Platinum. */
    static String summary(Standing standing) {
        PlatinumStanding platinum = standing.platinum();
        if (standing.certificate() == null) {
            return "No certificate on " + standing.date() + ".";
        }
        String certificate = standing.certificate().tier() + " certificate " + standing.certificate().number()
                + " awarded " + standing.certificate().awardedOn() + ", valid until "
                + standing.certificate().validUntil() + ", is " + standing.status() + " on " + standing.date() + ".";
        if (standing.tier() == Tier.PLATINUM) {
            return "Platinum: " + String.join("; ", platinum.conditions().stream().map(Condition::explanation)
                    .toList()) + "." + (platinum.holdsThrough() == null ? ""
                    : " On what is known, Platinum holds through " + platinum.holdsThrough() + ".");
        }
        if (standing.tier() != Tier.GOLD) {
            return certificate;
        }
        List<Condition> missing = platinum.missing();
        List<String> held = platinum.conditions().stream().filter(Condition::met)
                .filter(c -> c.holdsThrough() != null)
                .map(c -> c.code() + " through " + c.holdsThrough()).toList();
        return certificate + " Not Platinum: " + String.join("; ", missing.stream().map(c -> c.explanation()
                + (c.metFrom() == null ? "" : " (met from " + c.metFrom() + ")")).toList()) + "."
                + (held.isEmpty() ? "" : " The other conditions hold: " + String.join(", ", held) + ".");
    }

    /** A public answer a cache may keep a while; the same path answers a signed JWS to Accept: application/jose. */
    private <T> ResponseEntity<T> cached(T body) {
        return ResponseEntity.ok().cacheControl(cacheControl).varyBy(HttpHeaders.ACCEPT).body(body);
    }

    private LocalDate date(LocalDate asOf) {
        return asOf == null ? LocalDate.now(clock) : asOf;
    }
}
