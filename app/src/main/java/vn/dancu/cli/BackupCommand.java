package vn.dancu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.state.files.StateBackup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write the server's whole state to one file: a consistent copy of the state database (accounts, tokens, settings,",
                "targets, saved tables, subscriptions) and the other state files of DATA/server (the audit log and its checkpoints, the SQL audit).",
                "Works while the server runs. The disclosure-pattern cache is left out (it is rebuilt). Restore with ./dancu restore.",
                "For a shared PostgreSQL (--state-db) use pg_dump instead (docs/deployment.md)."})
public final class BackupCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    StateOptions state;

    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file to write (a ZIP; replaced if it exists)")
    Path target;

    @Override
    public Integer call()
    {
        Path serverFolder = Path.of(data.layout().server());
        if (state.sharedUrl().isPresent()) {
            throw new Dancu.CommandFailure("the state is in the shared database " + state.sharedUrl().get().replaceAll("(?i)(password=)[^&;]*", "$1***")
                    + ": back it up with PostgreSQL's pg_dump (docs/deployment.md); ./dancu backup copies the embedded database of one server", 2);
        }
        try {
            StateBackup.Summary summary = StateBackup.backup(serverFolder, target, Clock.systemUTC());
            System.out.printf("backup of %s → %s: the state database (schema version %s) and %d other files, %,d bytes before compression%n",
                    serverFolder, summary.file().toAbsolutePath(), summary.schemaVersion(), summary.files() - 1, summary.bytes());
            return 0;
        }
        catch (StateBackup.BackupException e) {
            throw new Dancu.CommandFailure(e.getMessage(), e.problem() == StateBackup.Problem.NO_STATE ? 2 : 1);
        }
    }
}
