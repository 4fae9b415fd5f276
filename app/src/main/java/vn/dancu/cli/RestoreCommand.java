package vn.dancu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.state.files.StateBackup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the server's state (DATA/server) with a backup made by ./dancu backup. Stop the server first: the restore",
                "refuses while the state database is in use. The backup is unpacked into a new folder and checked, then swapped in;",
                "the state it replaces is kept as DATA/server.before-restore-<time>."})
public final class RestoreCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "The backup file (written by ./dancu backup)")
    Path source;

    @Override
    public Integer call()
    {
        Path serverFolder = Path.of(data.layout().server());
        try {
            StateBackup.Summary summary = StateBackup.restore(serverFolder, source, Clock.systemUTC());
            System.out.printf("restored %s (made %s, schema version %s, %d files) into %s%s%n", summary.file(), summary.createdAt(), summary.schemaVersion(),
                    summary.files(), serverFolder, summary.previousState().map(previous -> "; the state it replaced is kept in " + previous).orElse(""));
            return 0;
        }
        catch (StateBackup.BackupException e) {
            throw new Dancu.CommandFailure(e.getMessage(), switch (e.problem()) {
                case NOT_A_BACKUP, NO_STATE -> 2;
                case IN_USE, FAILED -> 1;
            });
        }
    }
}
