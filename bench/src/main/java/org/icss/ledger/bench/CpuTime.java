package org.icss.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the system over a window, from {@code /proc}: where the machine's two cores
 * went while a phase ran. The services and Kafka by their pid files, PostgreSQL as the sum of every process named
 * {@code postgres} (its backends come and go), the harness itself (the load generator), and the whole machine's busy
 * and total time from {@code /proc/stat}.
 */
final class CpuTime {

    /** Linux's USER_HZ: the unit of the times in /proc/&lt;pid&gt;/stat and /proc/stat (100 on every architecture). */
    private static final double TICKS_PER_SECOND = 100.0;
    static final String POSTGRES = "postgresql";
    static final String HARNESS = "bench harness (load generator)";
    static final String MACHINE_BUSY = "machine busy";
    static final String MACHINE_TOTAL = "machine total";

    private CpuTime() {
    }

    /** Seconds of CPU used so far by each named process, PostgreSQL, the harness and the machine. */
    static Map<String, Double> sample(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double s = processSeconds(pid);
            if (s >= 0) {
                seconds.put(name, s);
            }
        });
        seconds.put(POSTGRES, postgresSeconds());
        seconds.put(HARNESS, processSeconds(ProcessHandle.current().pid()));
        double[] machine = machineSeconds();
        if (machine != null) {
            seconds.put(MACHINE_BUSY, machine[0]);
            seconds.put(MACHINE_TOTAL, machine[1]);
        }
        return seconds;
    }

    /** {@code after - before} per name present in both. */
    static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        before.forEach((name, s) -> {
            Double end = after.get(name);
            if (end != null && end >= s) {
                used.put(name, end - s);
            }
        });
        return used;
    }

    /** utime + stime of one process (its threads included) in seconds, or -1 when it is gone. */
    static double processSeconds(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime in seconds from a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and
     * may hold spaces and parentheses, so fields are counted after its last ')': utime and stime are fields 14 and 15.
     */
    static double parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): field n is fields[n - 3]
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The command name of a {@code /proc/<pid>/stat} line. */
    static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    private static double postgresSeconds() {
        double total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (command(stat).equals("postgres")) {
                        total += parseStat(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that ended while listed
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** {busy, total} seconds of all cores from the first line of /proc/stat, or null without it. */
    private static double[] machineSeconds() {
        try {
            return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {busy, total} from "cpu user nice system idle iowait irq softirq steal ...": idle and iowait are not busy. */
    static double[] parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new double[]{(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
    }
}
