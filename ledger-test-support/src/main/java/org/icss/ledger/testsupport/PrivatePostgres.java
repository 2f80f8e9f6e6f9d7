package org.icss.ledger.testsupport;


import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (initdb and pg_ctl of the installed server, {@code /usr/lib/postgresql/<n>/bin}
 * or {@code ICSS_PG_BIN}), on a free port on 127.0.0.1 with trust authentication, its data under {@code directory}:
 * a fault test may stop and restart it without touching the PostgreSQL other tests share. Run as root, the server
 * runs as the {@code postgres} user (initdb refuses root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String USER = "icss";

    private final Path bin;
    private final Path data;
    private final Path log;
    private final Path sockets;
    private final int port;
    private final boolean asPostgres;

    private PrivatePostgres(Path directory) {
        this.bin = findBin();
        this.port = RestartableKafka.freePort();
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.sockets = directory.resolve("sockets");
        this.asPostgres = "root".equals(System.getProperty("user.name"));
        try {
            deleteRecursively(directory);
            Files.createDirectories(sockets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (asPostgres) {
            run("chown", "-R", "postgres", directory.toString());
        }
        pg("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync");
    }

    /** Creates and starts a cluster under {@code directory} (emptied first). */
    public static PrivatePostgres start(Path directory) {
        PrivatePostgres postgres = new PrivatePostgres(directory.toAbsolutePath());
        postgres.startServer();
        return postgres;
    }

    public static boolean available() {
        try {
            findBin();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public void startServer() {
        pg("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200", "start");
    }

    /** Stops the server: {@code fast} ends every session, as a restart by an operator or an orchestrator does. */
    public void stopServer() {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBin() {
        String configured = System.getenv("ICSS_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        File root = new File("/usr/lib/postgresql");
        File[] versions = root.listFiles(file -> new File(file, "bin/initdb").canExecute());
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql (ICSS_PG_BIN)");
        }
        return Stream.of(versions).max(Comparator.comparing(File::getName)).orElseThrow().toPath().resolve("bin");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
