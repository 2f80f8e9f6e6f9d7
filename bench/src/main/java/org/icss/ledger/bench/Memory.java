package org.icss.ledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** (6) Resident memory (VmRSS of /proc/&lt;pid&gt;/status) of each process of the system. */
final class Memory {

    private Memory() {
    }

    /** The processes deploy/run-local.sh started: {@code <name>.pid} files of its pid folder. */
    static Map<String, Long> pidsIn(Path folder) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().forEach(f -> {
                try {
                    String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
                    pids.put(name, Long.parseLong(Files.readString(f).strip()));
                } catch (IOException | NumberFormatException e) {
                    // a pid file being rewritten: skipped
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** Resident set size in KiB, or -1 when the process is gone or /proc is not there. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static Map<String, Long> sample(Map<String, Long> pids) {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> rss.put(name, rssKib(pid)));
        return rss;
    }
}
