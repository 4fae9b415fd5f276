package vn.dancu.state;

import vn.dancu.api.state.StateDatabase;

import java.nio.file.Path;

/**
 * A process that holds a server folder's state database open, as a running server does, until its standard input
 * closes: {@code java -cp … vn.dancu.state.HoldStateDatabase DATA/server}. Prints "open" once it holds it.
 */
public final class HoldStateDatabase
{
    private HoldStateDatabase() {}

    public static void main(String[] args) throws Exception
    {
        try (StateDatabase database = StateDatabase.embedded(Path.of(args[0]))) {
            database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM account").mapTo(Long.class).one());
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our input
            }
        }
    }

    /** Starts one on {@code serverFolder} and waits until it holds the database. */
    public static Process start(Path serverFolder) throws Exception
    {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), HoldStateDatabase.class.getName(),
                serverFolder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        if (!"open".equals(line)) {
            process.destroyForcibly();
            throw new AssertionError("the holding process did not open the state database of " + serverFolder + ": " + line);
        }
        return process;
    }
}
