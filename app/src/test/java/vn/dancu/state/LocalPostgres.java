package vn.dancu.state;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test, from Debian's {@code postgresql} package ({@code /usr/lib/postgresql/N/bin}):
 * {@code initdb} in a temporary folder, {@code pg_ctl start} on a free port of 127.0.0.1 (password authentication,
 * SCRAM), one database. As root (initdb refuses root) it runs as the {@code postgres} system user through
 * {@code runuser}. When it cannot be started the test fails, saying what is missing.
 */
public final class LocalPostgres
        implements AutoCloseable
{
    public static final String USER = "dancu";
    public static final String PASSWORD = "a-test-password-of-the-state-db";
    public static final String DATABASE = "dancu_state";

    private final Path bin;
    private final Path folder;
    private final boolean asPostgresUser;
    private final int port;

    private LocalPostgres(Path bin, Path folder, boolean asPostgresUser, int port)
    {
        this.bin = bin;
        this.folder = folder;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** Starts one on the first free port of {@code ports} (this test's range); AssertionError naming what is missing when it cannot. */
    public static LocalPostgres start(int firstPort, int lastPort) throws Exception
    {
        Path bin = serverPrograms();
        boolean root = "0".equals(run(List.of("id", "-u"), null).strip());
        if (root && run(List.of("id", "-u", "postgres"), "no 'postgres' system user to run PostgreSQL as (initdb refuses root): apt-get install postgresql creates it").isBlank()) {
            throw new AssertionError("no 'postgres' system user");
        }
        Path folder = Files.createTempDirectory("dancu-postgres-");
        Path password = folder.resolve("password");
        Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()), "cannot give " + folder + " to the postgres user");
        }
        LocalPostgres postgres = new LocalPostgres(bin, folder, root, freePort(firstPort, lastPort));
        try {
            postgres.pg(List.of(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-U", USER, "--pwfile=" + password,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"), "initdb failed");
            postgres.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l", folder.resolve("server.log").toString(),
                    "-o", "-p " + postgres.port + " -k " + folder + " -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start"),
                    "pg_ctl start failed (log: " + folder.resolve("server.log") + ")");
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port + "/postgres", USER, PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return postgres;
        }
        catch (Throwable e) {
            postgres.close();
            throw e;
        }
    }

    public String url()
    {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port()
    {
        return port;
    }

    /** The server's own version string (SELECT version()). */
    public String version() throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url(), USER, PASSWORD);
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT version()")) {
            result.next();
            return result.getString(1);
        }
    }

    @Override
    public void close() throws Exception
    {
        try {
            if (Files.exists(folder.resolve("data/postmaster.pid"))) {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "fast", "-w", "stop"), "pg_ctl stop failed");
            }
        }
        finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Path serverPrograms() throws IOException
    {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> candidates = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                        .sorted(Comparator.comparing((Path bin) -> bin.getParent().getFileName().toString().length()).thenComparing(Comparator.naturalOrder()))
                        .toList();
                if (!candidates.isEmpty()) {
                    return candidates.get(candidates.size() - 1);
                }
            }
        }
        throw new AssertionError("PostgreSQL's server programs are missing: no /usr/lib/postgresql/<version>/bin/initdb and pg_ctl."
                + " Install Debian's package: apt-get install -y postgresql (.ci/run does)");
    }

    private static int freePort(int first, int last)
    {
        for (int port = first; port <= last; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            }
            catch (IOException e) {
                // taken; try the next
            }
        }
        throw new AssertionError("no free port from " + first + " to " + last + " for PostgreSQL");
    }

    private void pg(List<String> command, String failure) throws Exception
    {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, failure);
    }

    /** Runs a command and returns its output; with a failure text, an AssertionError with the output when it fails. */
    private static String run(List<String> command, String failure) throws Exception
    {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException e) {
            throw new AssertionError((failure == null ? "cannot run " + command.get(0) : failure) + ": " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        if (process.exitValue() != 0 && failure != null) {
            throw new AssertionError(failure + ": " + String.join(" ", command) + " → exit " + process.exitValue() + "\n" + output);
        }
        return process.exitValue() == 0 ? output : "";
    }
}
