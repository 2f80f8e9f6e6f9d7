package org.icss.ledger.deploy;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service run as {@code deploy/run-local.sh} runs it: the packaged jar
 * ({@code <module>/target/<module>-<version>-exec.jar}, built by the reactor's package phase before deploy's tests
 * run) in a JVM of its own, with run-local's JVM options and the port in {@code SERVER_PORT}, so that a test can
 * {@code kill -9} a real service process. The rest of the configuration comes as the same {@code --key=value}
 * arguments the in-JVM services get. Output goes to {@code deploy/target/service-processes/<service>-*.log}. {@link #close()} kills the process; a shutdown hook
 * does too if the test JVM ends first, so no process outlives its test.
 */
final class ServiceProcess implements AutoCloseable {

    /** run-local.sh's default {@code ICSS_JAVA_OPTS}, and the option it adds. */
    private static final List<String> JAVA_OPTS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String service;
    private final Process process;
    private final int port;
    private final Thread killOnExit;

    private ServiceProcess(String service, Process process, int port) {
        this.service = service;
        this.process = process;
        this.port = port;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + service);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the service's jar on a free port with {@code args} ({@code --server.port} is replaced) and waits until
     * it is ready.
     */
    static ServiceProcess start(String service, List<String> args) {
        Path jar = jarOf(service);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPTS);
        command.add("-jar");
        command.add(jar.toString());
        args.stream().filter(arg -> !arg.startsWith("--server.port=")).forEach(command::add);
        Path logs = Path.of("target", "service-processes");
        try {
            Files.createDirectories(logs);
            Path log = Files.createTempFile(logs, service + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            ServiceProcess started = new ServiceProcess(service, builder.start(), port);
            try {
                started.awaitReady(log);
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9 <pid>}, then waits until the process is gone. */
    void kill9() {
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                process.destroyForcibly();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " (pid " + process.pid() + ") outlived kill -9");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            removeHook();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Ready as a kubelet sees it: {@code /actuator/health/readiness} answers 200 without a key. */
    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build();
        Awaitility.await(service + " process ready (log: " + log.toAbsolutePath() + ")").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(service + " exited with " + process.exitValue()
                                + " while starting; see " + log.toAbsolutePath());
                    }
                    try {
                        return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private static Path jarOf(String service) {
        Path target = Path.of("..", service, "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + service + "-*-exec.jar in " + target
                            + ": run the tests through the reactor (./mvnw verify, or -pl deploy -am verify), which "
                            + "packages the services before deploy's tests"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": run the tests through the reactor (./mvnw verify, "
                    + "or -pl deploy -am verify), which packages the services before deploy's tests", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
