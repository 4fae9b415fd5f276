package vn.dancu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code dancu} command line, composition root of every local command: each subcommand wires its objects by
 * hand and runs one step of the pipeline.
 */
@Command(name = "dancu",
        mixinStandardHelpOptions = true,
        version = "dancu 0.1.0",
        description = "Population statistics for Vietnamese local government: synthetic register → Spark ingest → cubes → API and dashboard.",
        subcommands = {
                DemoCommand.class,
                GenerateCommand.class,
                IngestCommand.class,
                BuildCommand.class,
                ServeCommand.class,
                AccountsCommand.class,
                SqlCommand.class,
                ReportCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Dancu implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine()
    {
        CommandLine commandLine = new CommandLine(new Dancu());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Dancu::usageError);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            Throwable cause = error;
            line.getErr().println("dancu " + line.getCommandName() + ": " + message(cause));
            if (System.getenv("DANCU_DEBUG") != null) {
                cause.printStackTrace(line.getErr());
            }
            return cause instanceof CommandFailure failure ? failure.exitCode() : 1;
        });
        return commandLine;
    }

    private static String message(Throwable error)
    {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    /** One line naming the option and what is allowed, then exit status 2. */
    private static int usageError(CommandLine.ParameterException error, String[] args)
    {
        CommandLine line = error.getCommandLine();
        PrintWriter err = line.getErr();
        String command = line.getCommandSpec().qualifiedName();
        String text;
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String options = line.getCommandSpec().options().stream()
                    .filter(option -> !option.hidden())
                    .map(option -> option.longestName())
                    .collect(Collectors.joining(", "));
            List<String> unknown = unmatched.getUnmatched();
            String subcommands = line.getSubcommands().isEmpty() ? "" : "; commands: " + String.join(", ", line.getSubcommands().keySet());
            text = "unknown " + (unknown.size() == 1 && !unknown.get(0).startsWith("-") ? "argument" : "option")
                    + " '" + String.join(" ", unknown) + "'; allowed: " + options + subcommands;
        }
        else {
            text = error.getMessage().replace("\n", " ").strip();
        }
        err.println(command + ": " + text + " (see " + command.replaceFirst("^dancu", "./dancu") + " --help)");
        return 2;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A failure with its own exit status (2 for a problem with what the user asked, 1 for one during the run). */
    public static final class CommandFailure extends RuntimeException
    {
        private final int exitCode;

        public CommandFailure(String message, int exitCode)
        {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode()
        {
            return exitCode;
        }
    }
}
