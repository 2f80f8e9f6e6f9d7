package org.icss.ledger.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTimeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a JVM: utime 1234 and stime 56 ticks
            "java | 4242 (java) S 1 4242 4242 0 -1 4194560 90000 0 12 0 1234 56 0 0 20 0 40 0 1000 4000000000 90000 | 12.90",
            // a command name with spaces and parentheses: fields are counted after the last ')'
            "odd name | 77 (a (b) c) R 1 77 77 0 -1 0 0 0 0 0 300 200 0 0 20 0 1 0 5 100 10 | 5.00",
            // a PostgreSQL backend
            "postgres | 901 (postgres) S 800 800 800 0 -1 4194368 500 0 0 0 7 3 0 0 20 0 1 0 77 200000 3000 | 0.10"})
    void readsUserAndSystemTimeOfAProcess(String what, String stat, double seconds) {
        assertThat(CpuTime.parseStat(stat)).isCloseTo(seconds, within(1e-9));
    }

    @Test
    void readsTheCommandNameEvenWithParentheses() {
        assertThat(CpuTime.command("77 (a (b) c) R 1")).isEqualTo("a (b) c");
        assertThat(CpuTime.command("901 (postgres) S 800")).isEqualTo("postgres");
    }

    @Test
    void theMachineIsBusyExceptWhenIdleOrWaitingForDisk() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        double[] busyTotal = CpuTime.parseMachine("cpu  1000 50 300 5000 200 10 40 0 0 0");
        assertThat(busyTotal[0]).isCloseTo(14.0, within(1e-9));
        assertThat(busyTotal[1]).isCloseTo(66.0, within(1e-9));
    }

    @Test
    void usedIsTheDifferenceOfWhatBothSamplesHave() {
        assertThat(CpuTime.used(Map.of("a", 1.0, "b", 2.0, "gone", 3.0), Map.of("a", 1.5, "b", 4.0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 0.5, "b", 2.0));
    }
}
