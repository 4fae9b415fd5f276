package vn.dancu.cli;

import picocli.CommandLine.Option;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.state.files.ServerState;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server's state (accounts, tokens, settings, targets) lives: the embedded database under
 * {@code DATA/server/state/} by default, or a shared PostgreSQL ({@code --state-db}). Opening it applies the pending
 * migrations and imports the JSON files of older versions once.
 */
public final class StateOptions
{
    public static final String PASSWORD_VARIABLE = "DANCU_STATE_DB_PASSWORD";

    @Option(names = "--state-db", paramLabel = "JDBC_URL",
            description = {"Keep the server's state (accounts, tokens, settings) in this database, e.g. jdbc:postgresql://db.example:5432/dancu,",
                    "shared by several servers (password in the environment variable " + PASSWORD_VARIABLE + ").",
                    "Default: the embedded database in DATA/server/state/"})
    String url;

    @Option(names = "--state-db-user", paramLabel = "NAME", description = "The user of --state-db")
    String user;

    /** The shared database's URL, or empty for the embedded one. */
    Optional<String> sharedUrl()
    {
        return Optional.ofNullable(url).filter(value -> !value.isBlank());
    }

    /** Opens (and migrates) the state database of this data folder; a command failure naming the problem when it cannot. */
    StateDatabase open(DataLayout layout)
    {
        Path serverFolder = Path.of(layout.server());
        Optional<String> shared = sharedUrl();
        if (shared.isPresent() && !shared.get().startsWith("jdbc:")) {
            throw new Dancu.CommandFailure("invalid value for option '--state-db': '" + shared.get() + "' is not a JDBC URL (e.g. jdbc:postgresql://host:5432/dancu)", 2);
        }
        try {
            if (shared.isEmpty()) {
                return ServerState.embedded(serverFolder);
            }
            String password = Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)).orElse("");
            return ServerState.shared(shared.get(), user == null ? "" : user, password, serverFolder);
        }
        catch (IllegalStateException e) {
            throw new Dancu.CommandFailure(e.getMessage(), 1);
        }
        catch (RuntimeException e) {
            throw new Dancu.CommandFailure("cannot open the state database " + shared.orElse(serverFolder.resolve(StateDatabase.FOLDER).toString())
                    + ": " + rootMessage(e), 1);
        }
    }

    static StateOptions defaults()
    {
        return new StateOptions();
    }

    private static String rootMessage(Throwable error)
    {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse("");
    }
}
