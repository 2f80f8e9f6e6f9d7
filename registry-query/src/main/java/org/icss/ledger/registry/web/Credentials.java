package org.icss.ledger.registry.web;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.registry.query.registry.CertificateReader;
import org.icss.ledger.rules.StatusPolicy;
import org.icss.ledger.registry.query.registry.StandingReader.OrganisationStanding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The registry's verifiable credentials: every Gold or Certified certificate, and a Platinum standing, as an Open
 * Badges 3.0 {@code OpenBadgeCredential} (W3C Verifiable Credentials Data Model 2.0), secured as VC-JOSE (a JWT of
 * type {@code vc+jwt}, ES256, the answer key). A certificate's credential points, through {@code credentialStatus},
 * at the registry's two W3C Bitstring Status Lists: its revocation bit is set once the certificate is withdrawn or
 * its award revoked, its suspension bit while it is suspended; both lists are worked out from the registry's
 * current tables (two queries over the issued certificates, statuses by ledger-rules' {@code StatusPolicy}) at most
 * once a second, so they change within a second of the registry having the event and cost the same whatever the
 * number of requests.
 */
@Component
public class Credentials {

    /** The smallest list the Bitstring Status List specification allows (16 KiB), for herd privacy. */
    static final int MIN_BITS = 131_072;

    private final JdbcTemplate jdbc;
    private final org.icss.ledger.registry.query.registry.Generations generations;
    private final CertificateReader certificates;
    private final AnswerSigner signer;
    private final Clock clock;

    public Credentials(JdbcTemplate jdbc, org.icss.ledger.registry.query.registry.Generations generations,
                       CertificateReader certificates, AnswerSigner signer, Clock clock) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.certificates = certificates;
        this.signer = signer;
        this.clock = clock;
    }

    /** The credential of a certificate, signed; empty for a number the registry does not know. */
    public Optional<String> certificate(String number, String baseUrl) {
        LocalDate today = LocalDate.now(clock);
        return certificates.certificate(number, today, null).map(check -> {
            int index = statusIndex(number);
            Map<String, Object> credential = credential(baseUrl, baseUrl + "/api/v1/registry/certificates/" + number
                    + "/credential", check.organisation() == null ? check.certificate().organisationId()
                    : check.organisation().name(), check.certificate().organisationId(),
                    "ICSS " + title(check.certificate().tier()) + " (" + check.certificate().standardVersion() + ")",
                    "Certified to the International Customer Service Standard " + check.certificate()
                            .standardVersion() + " at tier " + check.certificate().tier() + ", certificate " + number
                            + ".", check.certificate().awardedOn(), check.certificate().validUntil());
            credential.put("credentialStatus", List.of(entry(baseUrl, "revocation", index),
                    entry(baseUrl, "suspension", index)));
            return signer.signCredential(credential);
        });
    }

    /** The credential of a Platinum standing today, signed; empty when the organisation is not Platinum today. */
    public Optional<String> platinum(OrganisationStanding standing, String baseUrl) {
        if (!standing.standing().platinum().platinum()) {
            return Optional.empty();
        }
        LocalDate through = standing.standing().platinum().holdsThrough();
        String id = standing.organisation().organisationId();
        return Optional.of(signer.signCredential(credential(baseUrl, baseUrl + "/api/v1/registry/organisations/" + id
                        + "/platinum-credential?on=" + standing.standing().date(), standing.organisation().name(), id,
                "ICSS Platinum", "Platinum under the International Customer Service Standard: Active Gold for a "
                        + "year without a break, a Certified Customer Service Manager on staff and an International "
                        + "Service Excellence Award in the previous 4 years.", standing.standing().date(),
                through == null ? null : through.plusDays(1))));
    }

    /** The Bitstring Status List credential of {@code purpose} (revocation or suspension), signed. */
    public String statusList(String purpose, String baseUrl) {
        byte[] list = "revocation".equals(purpose) ? bits().revocation() : bits().suspension();
        String url = baseUrl + "/api/v1/registry/status-lists/" + purpose;
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", url + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose);
        subject.put("encodedList", "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(list)));
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of("https://www.w3.org/ns/credentials/v2"));
        credential.put("id", url);
        credential.put("type", List.of("VerifiableCredential", "BitstringStatusListCredential"));
        credential.put("issuer", issuer(baseUrl));
        credential.put("validFrom", clock.instant().atOffset(ZoneOffset.UTC).withNano(0).toString());
        credential.put("credentialSubject", subject);
        return signer.signCredential(credential);
    }

    /** Both lists as computed last; worked out again when older than {@link #BITS_TTL_NANOS} or the day changed. */
    private record Bits(String schema, LocalDate day, long at, byte[] revocation, byte[] suspension) {
    }

    /** Both lists are worked out at most once a second, whatever the number of requests. */
    private static final long BITS_TTL_NANOS = 1_000_000_000L;

    private volatile Bits bits;

    private synchronized Bits bits() {
        String schema = generations.currentSchema();
        LocalDate today = LocalDate.now(clock);
        Bits known = bits;
        if (known != null && known.schema().equals(schema) && known.day().equals(today)
                && System.nanoTime() - known.at() < BITS_TTL_NANOS) {
            return known;
        }
        // every issued credential's certificate and its (non-revoked) changes in two queries, statuses by StatusPolicy
        Map<String, Integer> indexes = new LinkedHashMap<>();
        jdbc.query("SELECT certificate_number, status_index FROM credential_status_index", rs -> {
            indexes.put(rs.getString(1), rs.getInt(2));
        });
        int size = Math.max(MIN_BITS, indexes.values().stream().mapToInt(i -> i + 1).max().orElse(0));
        byte[] revocation = new byte[(size + 7) / 8];
        byte[] suspension = new byte[(size + 7) / 8];
        String notRevoked = " AND NOT EXISTS (SELECT 1 FROM " + schema + ".revocation r "
                + "WHERE r.revoked_event_id = x.event_id)";
        Map<String, LocalDate[]> awarded = new java.util.HashMap<>();
        jdbc.query("SELECT x.certificate_number, x.awarded_on, x.valid_until FROM " + schema + ".certificate x "
                + "JOIN credential_status_index s ON s.certificate_number = x.certificate_number WHERE TRUE"
                + notRevoked + " ORDER BY x.recorded_at, x.event_id", rs -> {
            awarded.putIfAbsent(rs.getString(1), new LocalDate[]{rs.getDate(2).toLocalDate(),
                    rs.getDate(3).toLocalDate()});
        });
        Map<String, List<StatusPolicy.StatusChange>> changes = new java.util.HashMap<>();
        jdbc.query("SELECT x.certificate_number, x.effective_on, x.status FROM " + schema + ".certificate_change x "
                + "JOIN credential_status_index s ON s.certificate_number = x.certificate_number WHERE TRUE"
                + notRevoked + " ORDER BY x.effective_on, x.recorded_at, x.event_id", rs -> {
            changes.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(
                    new StatusPolicy.StatusChange(rs.getDate(2).toLocalDate(),
                            CertificateStatus.valueOf(rs.getString(3))));
        });
        indexes.forEach((number, index) -> {
            LocalDate[] award = awarded.get(number);
            CertificateStatus status = award == null ? null : StatusPolicy.statusOn(award[0], award[1],
                    changes.getOrDefault(number, List.of()), today).orElse(null);
            if (award == null || status == CertificateStatus.WITHDRAWN) {
                revocation[index / 8] |= (byte) (0x80 >>> (index % 8));
            }
            if (status == CertificateStatus.SUSPENDED) {
                suspension[index / 8] |= (byte) (0x80 >>> (index % 8));
            }
        });
        known = new Bits(schema, today, System.nanoTime(), revocation, suspension);
        bits = known;
        return known;
    }

    private Map<String, Object> credential(String baseUrl, String id, String organisationName, String organisationId,
                                           String achievement, String description, LocalDate validFrom,
                                           LocalDate validUntil) {
        Map<String, Object> criteria = Map.of("narrative", description);
        Map<String, Object> badge = new LinkedHashMap<>();
        badge.put("id", baseUrl + "/api/v1/registry/achievements/" + achievement.replaceAll("[^A-Za-z0-9]+", "-"));
        badge.put("type", List.of("Achievement"));
        badge.put("name", achievement);
        badge.put("description", description);
        badge.put("criteria", criteria);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", baseUrl + "/api/v1/registry/organisations/" + organisationId);
        subject.put("type", List.of("AchievementSubject"));
        subject.put("name", organisationName);
        subject.put("achievement", badge);
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
        credential.put("id", id);
        credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        credential.put("issuer", issuer(baseUrl));
        credential.put("name", achievement + ": " + organisationName);
        credential.put("validFrom", validFrom + "T00:00:00Z");
        if (validUntil != null) {
            credential.put("validUntil", validUntil + "T00:00:00Z");
        }
        credential.put("credentialSubject", subject);
        return credential;
    }

    private static Map<String, Object> issuer(String baseUrl) {
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", baseUrl + "/issuer");
        issuer.put("type", List.of("Profile"));
        issuer.put("name", "International Council of Customer Service Organisations");
        return issuer;
    }

    private static Map<String, Object> entry(String baseUrl, String purpose, int index) {
        String list = baseUrl + "/api/v1/registry/status-lists/" + purpose;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", list + "#" + index);
        entry.put("type", "BitstringStatusListEntry");
        entry.put("statusPurpose", purpose);
        entry.put("statusListIndex", String.valueOf(index));
        entry.put("statusListCredential", list);
        return entry;
    }

    /** The certificate's position in the status lists, handed out the first time it is issued. */
    private int statusIndex(String number) {
        jdbc.update("INSERT INTO credential_status_index (certificate_number) VALUES (?) ON CONFLICT DO NOTHING",
                number);
        Integer index = jdbc.queryForObject("SELECT status_index FROM credential_status_index "
                + "WHERE certificate_number = ?", Integer.class, number);
        return index == null ? 0 : index;
    }

    private static String title(String tier) {
        return tier.charAt(0) + tier.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
