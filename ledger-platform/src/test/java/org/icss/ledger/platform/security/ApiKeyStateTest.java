package org.icss.ledger.platform.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule every service applies to the key topic: revocation wins, whatever order the announcements come in. */
class ApiKeyStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Columns: local row (null: none) and incoming state, each as hash/revoked-day/successor ("-": none); then what
     * the table holds (kind, revoked day, successor) and whether the topic's state covers it.
     */
    @ParameterizedTest(name = "local {0}, incoming {1} -> {2} revoked {3} by {4}, announced {5}")
    @CsvSource({
            // a key not yet in the table is added as it came
            "null,    h1/-/-,  ADDED,    -, -,  true",
            "null,    h1/3/k2, ADDED,    3, k2, true",
            // the same state again: nothing changes, and the topic has it
            "h1/-/-,  h1/-/-,  UPDATED,  -, -,  true",
            // a revocation arrives: it takes effect
            "h1/-/-,  h1/3/-,  UPDATED,  3, -,  true",
            "h1/-/-,  h1/3/k2, UPDATED,  3, k2, true",
            // an older, valid state arrives after the revocation (a replay, a late announcement): still revoked, and
            // the topic's latest record lacks the revocation, so this service announces it again
            "h1/3/-,  h1/-/-,  UPDATED,  3, -,  false",
            "h1/3/k2, h1/-/-,  UPDATED,  3, k2, false",
            // two revocations: the earliest, and the first successor named
            "h1/5/-,  h1/3/-,  UPDATED,  3, -,  true",
            "h1/3/-,  h1/5/-,  UPDATED,  3, -,  false",
            "h1/3/k2, h1/4/k9, UPDATED,  3, k2, false",
            // another key under the same id (another hash): the table keeps its own, nothing is revoked
            "h1/-/-,  h2/3/-,  CONFLICT, -, -,  false",
    })
    void revocationWinsAndAnotherHashChangesNothing(String local, String incoming, String kind, String revokedDay,
                                                     String successor, boolean announced) {
        ApiKeyState.Merged merged = ApiKeyState.merge(state(local), state(incoming));
        ApiKeyState result = merged instanceof ApiKeyState.Added added ? added.state()
                : merged instanceof ApiKeyState.Updated updated ? updated.state()
                : ((ApiKeyState.Conflict) merged).kept();
        assertThat(merged.getClass().getSimpleName().toUpperCase()).isEqualTo(kind);
        assertThat(result.revokedAt()).isEqualTo(day(revokedDay));
        assertThat(result.replacedBy()).isEqualTo(dash(successor));
        boolean covered = merged instanceof ApiKeyState.Added
                || merged instanceof ApiKeyState.Updated updated && updated.announced();
        assertThat(covered).isEqualTo(announced);
    }

    @ParameterizedTest
    @CsvSource({
            "h1/-/-, h1/3/-, true",
            "h1/3/-, h1/3/-, false",
            "h1/3/-, h1/-/-, false",
    })
    void changedOnlyWhenTheTableWouldHoldSomethingElse(String local, String incoming, boolean changed) {
        ApiKeyState.Updated updated = (ApiKeyState.Updated) ApiKeyState.merge(state(local), state(incoming));
        assertThat(updated.changed()).isEqualTo(changed);
    }

    @ParameterizedTest
    @CsvSource({"local, , local", ", incoming, incoming", "local, incoming, local"})
    void theEarliestCreationAndTheLocalLabelAreKept(String localLabel, String incomingLabel, String label) {
        ApiKeyState local = new ApiKeyState("k1", "h1", "ADMIN", null, localLabel, T0.plusSeconds(60), null, null);
        ApiKeyState incoming = new ApiKeyState("k1", "h1", "ADMIN", null, incomingLabel, T0, null, null);
        ApiKeyState merged = ((ApiKeyState.Updated) ApiKeyState.merge(local, incoming)).state();
        assertThat(merged.createdAt()).isEqualTo(T0);
        assertThat(merged.label()).isEqualTo(label);
    }

    private static ApiKeyState state(String spec) {
        if (spec.equals("null")) {
            return null;
        }
        String[] parts = spec.split("/");
        return new ApiKeyState("k1", parts[0], "MEMBER_BODY", "CSIAU", "label", T0, day(parts[1]), dash(parts[2]));
    }

    private static Instant day(String day) {
        return day.equals("-") ? null : T0.plusSeconds(86_400L * Integer.parseInt(day));
    }

    private static String dash(String value) {
        return value.equals("-") ? null : value;
    }
}
