package org.icss.ledger.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read load with wrk (Debian package {@code wrk}, a C load generator): one thread, a fixed number of connections,
 * each sending its next request as soon as the last is answered (closed loop), for a fixed time, with the Lua
 * scripts of {@code bench/src/main/resources/bench/} picking varied ids and queries from a targets file the harness
 * writes. Every run is bounded: wrk's own duration and per-request timeout, and the process is killed if it has
 * not ended {@link #GRACE} after its duration.
 */
final class Wrk {

    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\d+)");

    /**
     * One wrk run. Latencies in milliseconds; {@code statusErrors} are answers of 400 or more, {@code socketErrors}
     * connect, read and write errors, {@code timeouts} requests not answered within wrk's timeout;
     * {@code notModified}/{@code other} only for conditional runs (-1 otherwise). {@code problem} is set when wrk
     * did not run or printed no result; then the figures are NaN.
     */
    record Result(String label, int connections, long requests, double seconds, double p50, double p90, double p99,
                  double max, long statusErrors, long socketErrors, long timeouts, long notModified, long other,
                  String problem) {

        double rate() {
            return requests / Math.max(seconds, 0.001);
        }

        long errors() {
            return statusErrors + socketErrors + timeouts;
        }

        boolean ok() {
            return problem == null;
        }

        static Result failed(String label, int connections, String problem) {
            return new Result(label, connections, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, -1,
                    -1, problem);
        }
    }

    private final String executable;
    private final String baseUrl;
    private final Path folder;
    private final Duration timeout;

    private Wrk(String executable, String baseUrl, Path folder, Duration timeout) {
        this.executable = executable;
        this.baseUrl = baseUrl;
        this.folder = folder;
        this.timeout = timeout;
    }

    /** wrk from {@code configured} (a path or a name on PATH), with its scripts copied to {@code folder}. */
    static Optional<Wrk> find(String configured, String baseUrl, Path folder, Duration timeout) {
        String executable = configured.contains(File.separator) ? configured : onPath(configured);
        if (executable == null || !Files.isExecutable(Path.of(executable))) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder);
            for (String script : List.of("reads.lua", "conditional.lua")) {
                try (InputStream in = Wrk.class.getResourceAsStream("/bench/" + script)) {
                    if (in == null) {
                        throw new IllegalStateException("the harness jar lacks bench/" + script);
                    }
                    Files.write(folder.resolve(script), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Wrk(executable, baseUrl, folder, timeout));
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    String version() {
        List<String> out = new ArrayList<>();
        exec(List.of(executable, "--version"), Duration.ofSeconds(10), out);
        return out.isEmpty() ? "unknown" : out.get(0).replaceAll("\\s+Copyright.*", "").strip();
    }

    /** Writes a targets file ({@code kind<TAB>value} lines) for the scripts; returns its path. */
    Path targets(String name, List<String> lines) {
        Path file = folder.resolve(name);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code reads.lua} in {@code mode} (bare, standing, asof, knownat, cert, name, country, tier, memberbody, platinum). */
    Result reads(String label, String mode, int connections, Duration duration, Path targets) {
        return run(label, connections, duration, "reads.lua", List.of(mode, targets.toString()));
    }

    /** {@code conditional.lua}: GETs with If-None-Match from the targets file's etag lines. */
    Result conditional(String label, int connections, Duration duration, Path targets) {
        return run(label, connections, duration, "conditional.lua", List.of(targets.toString()));
    }

    private Result run(String label, int connections, Duration duration, String script, List<String> args) {
        List<String> command = new ArrayList<>(List.of(executable, "-t1", "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--latency", "--timeout", timeout.toSeconds() + "s",
                "-s", folder.resolve(script).toString(), baseUrl, "--"));
        command.addAll(args);
        List<String> out = new ArrayList<>();
        String problem = exec(command, duration.plus(GRACE), out);
        for (String line : out) {
            if (line.startsWith("WRK-RESULT")) {
                Map<String, Long> f = new HashMap<>();
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    f.put(m.group(1), Long.parseLong(m.group(2)));
                }
                return new Result(label, connections, f.get("requests"), f.get("duration_us") / 1e6,
                        f.get("p50_us") / 1000.0, f.get("p90_us") / 1000.0, f.get("p99_us") / 1000.0,
                        f.get("max_us") / 1000.0, f.get("status_errors"),
                        f.get("connect") + f.get("read") + f.get("write"), f.get("timeout"),
                        f.getOrDefault("not_modified", -1L), f.getOrDefault("other", -1L), null);
            }
        }
        String tail = String.join(" / ", out.subList(Math.max(0, out.size() - 3), out.size()));
        return Result.failed(label, connections, (problem != null ? problem + "; " : "") + "no result from wrk: "
                + OpenLoop.abbreviate(tail));
    }

    /** Runs {@code command}, its output (stdout and stderr) into {@code out}; a problem, or null when it ended. */
    private static String exec(List<String> command, Duration cap, List<String> out) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        synchronized (out) {
                            out.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
            }, "wrk-output");
            reader.start();
            if (!process.waitFor(cap.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                reader.join(5000);
                return "wrk did not end within " + cap.toSeconds() + " s and was killed";
            }
            reader.join(5000);
            return process.exitValue() == 0 ? null : "wrk exited with " + process.exitValue();
        } catch (IOException e) {
            return "wrk could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
