package vn.dancu.api.state.files;

import vn.dancu.api.state.StateDatabase;

import java.nio.file.Path;

/**
 * The state database of a server folder as a server or a command opens it: migrated, and filled from the JSON files of
 * older versions the first time ({@link JsonStateImport}).
 */
public final class ServerState
{
    private ServerState() {}

    /** The embedded database under {@code serverFolder/state/}. */
    public static StateDatabase embedded(Path serverFolder)
    {
        return imported(StateDatabase.embedded(serverFolder), serverFolder);
    }

    /** A database at a JDBC URL (a PostgreSQL shared by several servers); the old files are those of {@code serverFolder}. */
    public static StateDatabase shared(String jdbcUrl, String user, String password, Path serverFolder)
    {
        return imported(StateDatabase.open(jdbcUrl, user, password), serverFolder);
    }

    private static StateDatabase imported(StateDatabase database, Path serverFolder)
    {
        try {
            JsonStateImport.importOnce(database, serverFolder);
            return database;
        }
        catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
