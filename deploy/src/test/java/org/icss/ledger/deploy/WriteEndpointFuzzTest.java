package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random JSON to every write endpoint: 200 bodies per endpoint by default ({@code -Dicss.fuzz.tries}), 12 endpoints,
 * 2,400 bodies in all (about 90 s on 2 cores), made by jqwik generators
 * from a logged seed ({@code -Dicss.fuzz.seed=...} repeats a run). A third are arbitrary JSON values or text, the rest
 * valid bodies with fields replaced by arbitrary values, removed or added. Every answer is below 500, and every
 * refusal is problem+json with nothing recorded in the service's event store. Each body for one of audit-service's
 * report endpoints that is one JSON object on one line is posted first as the one line of a bulk import: the line's
 * answer is below 500, and a line refused there gets the same status and problem type when posted alone.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class WriteEndpointFuzzTest {

    static final int TRIES = Integer.getInteger("icss.fuzz.tries", 200);

    private static LedgerSystem ledger;
    /** One connection per service for the counts (thousands of them). */
    private static final Map<String, SingleConnectionDataSource> counters = new LinkedHashMap<>();
    private static String org;
    private static String professional;
    private static String employment;

    /** An endpoint, the service whose event store it writes, and a valid body to start from. */
    private record Endpoint(String service, String path, Supplier<Map<String, Object>> valid) {
    }

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
        WriteTargets targets = WriteTargets.prepare(ledger, "Fuzz Bank");
        org = targets.org();
        professional = targets.professional();
        employment = targets.employment();
    }

    @AfterAll
    static void stopLedger() {
        counters.values().forEach(SingleConnectionDataSource::destroy);
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void randomBodiesNeverCauseAServerErrorAndRefusalsRecordNothing() {
        long seed = Long.getLong("icss.fuzz.seed", System.nanoTime());
        System.out.println("WriteEndpointFuzzTest seed " + seed);
        Random random = new Random(seed);
        // awards and certification-service first, while certification-service has nothing else to do
        // (audit-service's writes make it append events on its own, from Kafka)
        List<Endpoint> endpoints = endpoints();
        ledgerQuiet();
        int requests = 0;
        JqwikSession.start();
        try {
            requests = fuzz(endpoints, random, seed);
        } finally {
            JqwikSession.finish();
        }
        assertThat(requests).isEqualTo(TRIES * endpoints.size());
    }

    private static int fuzz(List<Endpoint> endpoints, Random random, long seed) {
        int requests = 0;
        for (Endpoint endpoint : endpoints) {
            long started = System.nanoTime();
            int accepted = 0;
            RandomGenerator<String> bodies = bodies(endpoint).generator(100);
            for (int i = 0; i < TRIES; i++) {
                String body = bodies.next(random).value();
                String what = endpoint.path() + " <- " + body + " (seed " + seed + ")";
                // the same body as the one line of a bulk import first: refused there, it must be refused alike alone
                JsonNode refusedLine = importable(endpoint, body) ? asImportLine(endpoint, body, what) : null;
                long before = events(endpoint.service());
                Response response = ledger.send("POST", endpoint.service(), endpoint.path(), body,
                        ledger.keyFor(endpoint.service(), endpoint.path(), null));
                requests++;
                accepted += response.status() < 300 ? 1 : 0;
                if (refusedLine != null) {
                    assertThat(response.status()).as("alone and as an import line: " + what + " -> "
                            + response.body() + " / " + refusedLine).isEqualTo(refusedLine.path("status").asInt());
                    assertThat(response.json().path("type").asText()).as(what)
                            .isEqualTo(refusedLine.path("problem").path("type").asText());
                }
                assertThat(response.status()).as(what + " -> " + response.body()).isLessThan(500);
                if (response.status() >= 400) {
                    assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("org.icss")
                            .doesNotContain("com.fasterxml");
                    assertThat(events(endpoint.service())).as("recorded by a refused " + what).isEqualTo(before);
                }
            }
            System.out.printf("fuzz %s: %d bodies, %d accepted, %d ms%n", endpoint.path(), TRIES, accepted,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return requests;
    }

    private static List<Endpoint> endpoints() {
        String pro = "/api/v1/professionals/" + professional;
        String organisation = "/api/v1/organisations/" + org;
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("awards-service", "/api/v1/awards", () -> map("organisationId", org,
                "seasonYear", 2024, "category", "Team " + System.nanoTime(), "wonOn", "2024-11-08")));
        endpoints.add(new Endpoint("certification-service", "/api/v1/professionals",
                () -> new LinkedHashMap<>(MemberBodyApiTest.professionalBody())));
        endpoints.add(new Endpoint("certification-service", pro + "/credentials", () -> map("credentialId",
                "CCSM-" + (1000 + System.nanoTime() % 9000), "certifiedOn", "2024-05-01", "validUntil",
                "2027-05-01")));
        endpoints.add(new Endpoint("certification-service", pro + "/employments",
                () -> map("organisationId", org, "startedOn", "2024-02-01")));
        endpoints.add(new Endpoint("certification-service", pro + "/employments/" + employment + "/end",
                () -> map("endedOn", "2024-06-30")));
        endpoints.add(new Endpoint("audit-service", "/api/v1/organisations", () -> map("name",
                "Fuzzed " + System.nanoTime(), "country", "AU", "memberBody", "CSIAU", "registeredOn", "2020-01-01")));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits",
                () -> MemberBodyApiTest.audit("f-" + System.nanoTime(), "2024-06-01", 7)));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks",
                () -> map("checkedOn", "2025-05-02", "result", "FAILED", "reason", "slow answers")));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits/a-1/corrections",
                () -> map("scores", MemberBodyApiTest.scores(
                        StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow(), 6),
                        "reason", "typo")));
        endpoints.add(new Endpoint("audit-service", organisation + "/audits/w-1/withdrawal",
                () -> map("reason", "auditor not accredited")));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks/hc-1/corrections",
                () -> map("result", "FAILED", "reason", "late")));
        endpoints.add(new Endpoint("audit-service", organisation + "/health-checks/hc-w/withdrawal",
                () -> map("reason", "posted twice")));
        return endpoints;
    }

    /** An audit-service report endpoint's body that is one JSON object on one line: it can be an import's line. */
    private static boolean importable(Endpoint endpoint, String body) {
        return endpoint.service().equals("audit-service") && body.strip().startsWith("{") && body.indexOf('\n') < 0
                && body.indexOf('\r') < 0;
    }

    /**
     * Posts {@code body} as the one line of a bulk import: the import answers 200 and the line below 500; a refused
     * line is a problem and records nothing. Returns the line's result if it was refused, else null.
     */
    private static JsonNode asImportLine(Endpoint endpoint, String body, String what) {
        long before = events(endpoint.service());
        Response imported = ledger.send("POST", "audit-service", "/api/v1/imports", MemberBodyApiTest.importLine(
                        new MemberBodyApiTest.Bad("fuzz", endpoint.service(), endpoint.path(), "CSIAU", body, 0, ""), org),
                ledger.keyFor(endpoint.service(), endpoint.path(), null),
                Map.of("Content-Type", "application/x-ndjson"));
        assertThat(imported.status()).as("import of " + what + " -> " + imported.body()).isEqualTo(200);
        JsonNode line = MemberBodyApiTest.parseLines(imported.body()).get(0);
        assertThat(line.path("status").asInt()).as("import of " + what + " -> " + line).isLessThan(500);
        if (line.path("status").asInt() < 300) {
            return null;
        }
        assertThat(line.path("problem").path("type").asText()).as(what).startsWith("/problems/");
        assertThat(imported.body()).as(what).doesNotContain("Exception").doesNotContain("org.icss")
                .doesNotContain("com.fasterxml");
        assertThat(events(endpoint.service())).as("recorded by a refused import line " + what).isEqualTo(before);
        return line;
    }

    /** Bodies for an endpoint: arbitrary JSON, text, or its valid body with one to three fields changed. */
    private static Arbitrary<String> bodies(Endpoint endpoint) {
        Arbitrary<String> anyJson = json(3).map(MemberBodyApiTest::json);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> mutated = Arbitraries.integers().between(1, 3).flatMap(changes -> {
            Arbitrary<List<Tuple.Tuple3<Integer, String, Object>>> edits = Arbitraries.integers().between(0, 2)
                    .flatMap(kind -> Arbitraries.strings().alpha().ofMaxLength(8).flatMap(unknown ->
                            json(2).injectNull(0.1).map(value -> Tuple.of(kind, unknown, value))))
                    .list().ofSize(changes);
            return edits.map(list -> {
                Map<String, Object> body = endpoint.valid().get();
                List<String> fields = new ArrayList<>(body.keySet());
                int n = 0;
                for (Tuple.Tuple3<Integer, String, Object> edit : list) {
                    String field = fields.get(Math.floorMod(edit.get2().hashCode() + n++, fields.size()));
                    switch (edit.get1()) {
                        case 0 -> body.put(field, edit.get3());
                        case 1 -> body.remove(field);
                        default -> {
                            if (body.get("scores") instanceof Map<?, ?> scores && !scores.isEmpty()) {
                                @SuppressWarnings("unchecked") Map<String, Object> s = (Map<String, Object>) scores;
                                s.put(new ArrayList<>(s.keySet()).get(Math.floorMod(n, s.size())), edit.get3());
                            } else {
                                body.put(edit.get2(), edit.get3());
                            }
                        }
                    }
                }
                return MemberBodyApiTest.json(body);
            });
        });
        return Arbitraries.frequencyOf(Tuple.of(3, anyJson), Tuple.of(1, text), Tuple.of(8, mutated));
    }

    /** Arbitrary JSON values, nested up to {@code depth}, with values the endpoints look for mixed in. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(value -> (Object) value),
                Arbitraries.strings().withChars("0123456789-").ofMinLength(8).ofMaxLength(12).map(v -> (Object) v),
                Arbitraries.integers().map(value -> (Object) value),
                Arbitraries.integers().between(-2, 12).map(value -> (Object) value),
                Arbitraries.longs().map(value -> (Object) value),
                Arbitraries.doubles().map(value -> (Object) value),
                Arbitraries.of(true, false).map(value -> (Object) value),
                Arbitraries.of("2024-05-02", "2999-12-31", "1900-01-01", "2024-02-30", "ICSS:2020-2025",
                        "ICSS:2015-2020", "CERTIFICATION", "PASSED", "FAILED", "CSIAU", "HICS", "AU", "", " ",
                        "CCSM-0042", "a@b.c", "SRV-01", "\u0000", "\ud83d\ude00", "null", "9".repeat(40))
                        .map(value -> (Object) value));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> object = Arbitraries.maps(Arbitraries.of("name", "country", "scores", "reason",
                        "auditedOn", "SRV-01", "x", "organisationId", "memberBody"), json(depth - 1).injectNull(0.1))
                .ofMaxSize(4).map(value -> (Object) value);
        Arbitrary<Object> array = json(depth - 1).list().ofMaxSize(4).map(value -> (Object) value);
        return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(2, object), Tuple.of(1, array));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static long events(String service) {
        SingleConnectionDataSource counter = counters.computeIfAbsent(service, name -> {
            DriverManagerDataSource source = (DriverManagerDataSource) ledger.database(name).getDataSource();
            return new SingleConnectionDataSource(source.getUrl(), source.getUsername(), source.getPassword(), true);
        });
        return new JdbcTemplate(counter).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /**
     * certification-service has handled the set-up's reports (its count unchanged for 1.5 s); fails the test when it
     * does not settle within 60 s, instead of fuzzing a ledger that is still busy (and counting its own appends as
     * recorded by a refused request).
     */
    private static void ledgerQuiet() {
        AtomicLong last = new AtomicLong(-1);
        AtomicInteger stable = new AtomicInteger();
        await("certification-service's event count settles within 60 s (unchanged for 1.5 s)")
                .atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long now = events("certification-service");
                    stable.set(now == last.getAndSet(now) ? stable.get() + 1 : 0);
                    return stable.get() >= 3;
                });
    }
}
