package org.icss.ledger.deploy;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The input policy as a property (issue 13, item 2): every write endpoint of every service gets valid bodies whose
 * text fields hold generated strings across Unicode's categories (controls, noncharacters, unpaired surrogates,
 * combining marks, Hangul, scripts written right to left, characters outside the BMP, strings longer than any limit)
 * and whose date fields hold dates across {@link LocalDate}'s whole range. Every answer is below 500; a refusal is
 * problem+json and records nothing; and after each endpoint's batch the registry still takes a good record (a new
 * organisation with a Gold audit shows as GOLD) within seconds, whatever was accepted before it. The bodies one of
 * audit-service's report endpoints refused are posted again as one bulk import: each line is refused alike.
 * <p>
 * {@code -Dicss.hostile.tries} bodies per endpoint (30 by default: about 35 s of requests, and a good record after
 * each of the 13 batches); the seed is logged and {@code -Dicss.hostile.seed=...} repeats a run.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class HostileInputPropertyTest {

    static final int TRIES = Integer.getInteger("icss.hostile.tries", 30);
    /** How long the registry may take to show a good record after a batch. */
    static final Duration SETTLES_WITHIN = Duration.ofSeconds(20);

    private static final ObjectMapper ESCAPING = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** One connection per service for the counts. */
    private static final Map<String, SingleConnectionDataSource> COUNTERS = new LinkedHashMap<>();

    private static LedgerSystem ledger;
    private static String org;
    private static String professional;
    private static String employment;
    private static int goodRecords;

    private enum Kind { TEXT, DATE }

    /** A write endpoint, the service whose event store it writes, a valid body, and the fields to generate. */
    private record Endpoint(String service, String path, Supplier<Map<String, Object>> valid, Map<String, Kind> fields) {
    }

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
        WriteTargets targets = WriteTargets.prepare(ledger, "Hostile Bank");
        org = targets.org();
        professional = targets.professional();
        employment = targets.employment();
    }

    @AfterAll
    static void stopLedger() {
        COUNTERS.values().forEach(SingleConnectionDataSource::destroy);
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void hostileTextAndDatesAreRefusedCleanlyOrTakenAndTheRegistryKeepsUp() {
        long seed = Long.getLong("icss.hostile.seed", System.nanoTime());
        System.out.println("HostileInputPropertyTest seed " + seed);
        Random random = new Random(seed);
        int requests = 0;
        JqwikSession.start();
        try {
            for (Endpoint endpoint : endpoints()) {
                MemberBodyApiTest.awaitQuiet(ledger);
                requests += batch(endpoint, random, seed);
                registryTakesAGoodRecord();
            }
        } finally {
            JqwikSession.finish();
        }
        assertThat(requests).isEqualTo(TRIES * endpoints().size());
    }

    private static int batch(Endpoint endpoint, Random random, long seed) {
        RandomGenerator<String> texts = text().generator(TRIES);
        RandomGenerator<String> dates = date().generator(TRIES);
        List<String> fields = new ArrayList<>(endpoint.fields().keySet());
        int accepted = 0;
        long started = System.nanoTime();
        // bodies refused alone by one of audit-service's report endpoints, with their answers: then as an import
        List<String> refusedBodies = new ArrayList<>();
        List<Response> refusals = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Map<String, Object> body = endpoint.valid().get();
            // one field, sometimes all of them
            List<String> changed = random.nextInt(4) == 0 ? fields : List.of(fields.get(random.nextInt(fields.size())));
            for (String field : changed) {
                body.put(field, endpoint.fields().get(field) == Kind.TEXT ? texts.next(random).value()
                        : dates.next(random).value());
            }
            // raw UTF-8, or every non-ASCII character as a \\u escape (the only way to send an unpaired surrogate)
            String json = random.nextBoolean() ? MemberBodyApiTest.json(body) : escaped(body);
            long before = events(endpoint.service());
            Response response = ledger.send("POST", endpoint.service(), endpoint.path(), json,
                    ledger.keyFor(endpoint.service(), endpoint.path(), body));
            String what = endpoint.path() + " <- " + json + " (seed " + seed + ")";
            assertThat(response.status()).as(what + " -> " + response.body()).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("org.icss");
                assertThat(events(endpoint.service())).as("recorded by a refused " + what)
                        .isEqualTo(before);
                if (endpoint.path().startsWith("/api/v1/organisations")) {
                    refusedBodies.add(json);
                    refusals.add(response);
                }
            } else {
                accepted++;
            }
        }
        if (!refusedBodies.isEmpty()) {
            refusedAlikeAsImportLines(endpoint, refusedBodies, refusals, seed);
        }
        System.out.printf("hostile %s: %d bodies, %d accepted, %d ms%n", endpoint.path(), TRIES, accepted,
                (System.nanoTime() - started) / 1_000_000);
        return TRIES;
    }

    /**
     * The bodies the endpoint refused, posted again as the lines of one bulk import: each line is refused with the
     * status and problem type it got alone, and the import records nothing.
     */
    private static void refusedAlikeAsImportLines(Endpoint endpoint, List<String> bodies, List<Response> alone,
                                                  long seed) {
        StringBuilder stream = new StringBuilder();
        for (String body : bodies) {
            stream.append(MemberBodyApiTest.importLine(new MemberBodyApiTest.Bad("hostile", endpoint.service(),
                    endpoint.path(), "CSIAU", body, 0, ""), org));
        }
        long before = events(endpoint.service());
        Response imported = ledger.send("POST", "audit-service", "/api/v1/imports", stream.toString(),
                ledger.keyFor(endpoint.service(), endpoint.path(), null),
                Map.of("Content-Type", "application/x-ndjson"));
        String what = "import of " + endpoint.path() + "'s refused bodies (seed " + seed + ")";
        assertThat(imported.status()).as(what + " -> " + imported.body()).isEqualTo(200);
        List<com.fasterxml.jackson.databind.JsonNode> lines = MemberBodyApiTest.parseLines(imported.body());
        assertThat(lines).hasSize(bodies.size() + 1);
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(lines.get(i).path("status").asInt()).as(what + ": " + bodies.get(i) + " -> " + lines.get(i))
                    .isEqualTo(alone.get(i).status());
            assertThat(lines.get(i).path("problem").path("type").asText()).as(what + ": " + bodies.get(i))
                    .isEqualTo(alone.get(i).json().path("type").asText());
        }
        assertThat(imported.body()).as(what).doesNotContain("Exception").doesNotContain("org.icss");
        assertThat(events(endpoint.service())).as("recorded by " + what).isEqualTo(before);
    }

    /** A new organisation and a Gold audit for it: GOLD in the public registry within seconds. */
    private static void registryTakesAGoodRecord() {
        goodRecords++;
        Response registered = ledger.post("audit-service", "/api/v1/organisations", Map.of("name",
                "Good Record " + goodRecords + " " + System.nanoTime(), "country", "AU", "memberBody", "CSIAU",
                "registeredOn", "2024-01-01"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String good = registered.json().path("organisationId").asText();
        Response audit = ledger.post("audit-service", "/api/v1/organisations/" + good + "/audits",
                MemberBodyApiTest.audit("good", "2024-05-02", 8));
        assertThat(audit.status()).as(audit.body()).isEqualTo(201);
        await().atMost(SETTLES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ledger.get("registry-query", "/api/v1/registry/organisations/" + good).json()
                        .path("tier").asText()).as("registry standing of a good record").isEqualTo("GOLD"));
    }

    private static List<Endpoint> endpoints() {
        String pro = "/api/v1/professionals/" + professional;
        String organisation = "/api/v1/organisations/" + org;
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("awards-service", "/api/v1/awards", () -> map("organisationId", org,
                "seasonYear", 2024, "category", "Team", "wonOn", "2024-11-08"),
                fields("category", Kind.TEXT, "organisationId", Kind.TEXT, "wonOn", Kind.DATE)));
        endpoints.add(new Endpoint("certification-service", "/api/v1/professionals",
                () -> new LinkedHashMap<>(MemberBodyApiTest.professionalBody()),
                fields("name", Kind.TEXT, "email", Kind.TEXT, "certifiedOn", Kind.DATE, "validUntil", Kind.DATE)));
        endpoints.add(new Endpoint("certification-service", pro + "/credentials", () -> map("credentialId",
                "CCSM-" + (1000 + Math.floorMod(System.nanoTime(), 9000)), "certifiedOn", "2024-05-01",
                "validUntil", "2027-05-01"),
                fields("credentialId", Kind.TEXT, "certifiedOn", Kind.DATE, "validUntil", Kind.DATE)));
        endpoints.add(new Endpoint("certification-service", pro + "/employments",
                () -> map("organisationId", org, "startedOn", "2024-02-01"),
                fields("organisationId", Kind.TEXT, "startedOn", Kind.DATE)));
        endpoints.add(new Endpoint("certification-service", pro + "/employments/" + employment + "/end",
                () -> map("endedOn", "2024-06-30"), fields("endedOn", Kind.DATE)));
        endpoints.add(new Endpoint("audit-service", "/api/v1/organisations", () -> map("name",
                "Hostile " + System.nanoTime(), "country", "AU", "memberBody", "CSIAU", "registeredOn", "2020-01-01"),
                fields("name", Kind.TEXT, "country", Kind.TEXT, "registeredOn", Kind.DATE)));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits",
                () -> MemberBodyApiTest.audit("h-" + System.nanoTime(), "2024-06-01", 7),
                fields("auditor", Kind.TEXT, "standardVersion", Kind.TEXT, "auditId", Kind.TEXT,
                        "auditedOn", Kind.DATE)));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks",
                () -> map("checkedOn", "2025-05-02", "result", "FAILED", "reason", "slow answers"),
                fields("reason", Kind.TEXT, "checkedOn", Kind.DATE)));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits/a-1/corrections",
                () -> map("scores", MemberBodyApiTest.scores(
                        StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow(), 6),
                        "reason", "typo"), fields("reason", Kind.TEXT)));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits/w-1/withdrawal",
                () -> map("reason", "auditor not accredited"), fields("reason", Kind.TEXT)));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks/hc-1/corrections",
                () -> map("result", "FAILED", "reason", "late"), fields("reason", Kind.TEXT)));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks/hc-w/withdrawal",
                () -> map("reason", "posted twice"), fields("reason", Kind.TEXT)));
        endpoints.add(new Endpoint("audit-service", "/api/v1/admin/keys",
                () -> map("role", "COMPLIANCE", "label", "hostile"), fields("label", Kind.TEXT)));
        return endpoints;
    }

    /**
     * Strings of 0 to 260 code points drawn from Unicode's categories: any code point at all (unpaired surrogates
     * included), C0 and C1 controls, noncharacters, combining marks, Hangul syllables (which fold to 3 characters),
     * U+0130 (which lower-cases to 2), scripts written right to left, format characters, and characters outside the
     * BMP; half of them mixed with plain letters.
     */
    static Arbitrary<String> text() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Character.MAX_CODE_POINT);
        Arbitrary<Integer> control = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x1F),
                Arbitraries.integers().between(0x7F, 0x9F));
        Arbitrary<Integer> noncharacter = Arbitraries.oneOf(Arbitraries.integers().between(0xFDD0, 0xFDEF),
                Arbitraries.integers().between(0, 0x10).map(plane -> plane << 16 | 0xFFFE),
                Arbitraries.integers().between(0, 0x10).map(plane -> plane << 16 | 0xFFFF));
        Arbitrary<Integer> surrogate = Arbitraries.integers().between(0xD800, 0xDFFF);
        Arbitrary<Integer> mark = Arbitraries.integers().between(0x0300, 0x036F);
        Arbitrary<Integer> hangul = Arbitraries.integers().between(0xAC00, 0xD7A3);
        Arbitrary<Integer> growing = Arbitraries.of(0x0130, 0x1F82, 0xFB03, 0x0390);
        Arbitrary<Integer> rightToLeft = Arbitraries.oneOf(Arbitraries.integers().between(0x0590, 0x05FF),
                Arbitraries.integers().between(0x0600, 0x06FF));
        Arbitrary<Integer> format = Arbitraries.of(0x200B, 0x200E, 0x202E, 0x2066, 0xFEFF, 0x00AD);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFD);
        Arbitrary<Integer> letter = Arbitraries.integers().between('a', 'z');
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(Tuple.of(6, letter), Tuple.of(3, any),
                Tuple.of(1, control), Tuple.of(1, noncharacter), Tuple.of(1, surrogate), Tuple.of(2, mark),
                Tuple.of(3, hangul), Tuple.of(2, growing), Tuple.of(2, rightToLeft), Tuple.of(1, format),
                Tuple.of(2, astral));
        Arbitrary<String> mixed = codePoint.list().ofMinSize(0).ofMaxSize(260).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(point -> text.append(Character.isSurrogate((char) point.intValue()) && point <= 0xFFFF
                    ? String.valueOf((char) point.intValue()) : Character.toString(point)));
            return text.toString();
        });
        Arbitrary<String> oneKind = Arbitraries.oneOf(hangul, growing, astral, mark, letter).flatMap(kind ->
                Arbitraries.integers().between(190, 210).map(n -> Character.toString(kind).repeat(n)));
        return Arbitraries.frequencyOf(Tuple.of(6, mixed), Tuple.of(2, oneKind),
                Tuple.of(1, Arbitraries.of("", " ", "\u0000", "\uFFFE", "e\u0301", "Z\u00fcrich", "\uD800")));
    }

    /** Dates across LocalDate's whole range, with the edges of the ledger's window over-represented. */
    static Arbitrary<String> date() {
        LocalDate today = LocalDate.now();
        Arbitrary<String> anywhere = Arbitraries.longs().between(LocalDate.MIN.toEpochDay(),
                LocalDate.MAX.toEpochDay()).map(day -> LocalDate.ofEpochDay(day).toString());
        Arbitrary<String> near = Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(),
                today.plusYears(60).toEpochDay()).map(day -> LocalDate.ofEpochDay(day).toString());
        Arbitrary<String> edges = Arbitraries.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(1989, 12, 31),
                LocalDate.of(1990, 1, 1), LocalDate.of(-4800, 1, 1), LocalDate.of(9_999_999, 1, 1), today,
                today.plusDays(1), today.plusYears(50), today.plusYears(50).plusDays(1)).map(LocalDate::toString);
        return Arbitraries.frequencyOf(Tuple.of(3, anywhere), Tuple.of(4, near), Tuple.of(3, edges));
    }

    private static String escaped(Map<String, Object> body) {
        try {
            return ESCAPING.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long events(String service) {
        SingleConnectionDataSource counter = COUNTERS.computeIfAbsent(service, name -> {
            DriverManagerDataSource source = (DriverManagerDataSource) ledger.database(name).getDataSource();
            return new SingleConnectionDataSource(source.getUrl(), source.getUsername(), source.getPassword(), true);
        });
        return new JdbcTemplate(counter).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return fields;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
