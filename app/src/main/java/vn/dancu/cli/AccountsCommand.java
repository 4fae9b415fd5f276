package vn.dancu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.state.StateDatabase;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Accounts of the api server, from the command line: the first admin is created here. Passwords are read from the
 * terminal (twice, without echo) or, when no terminal is attached, from the first line of standard input.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Create, list and change the accounts the server holds (in its state database: DATA/server/state/, or --state-db).",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.ListAccounts.class, AccountsCommand.Password.class, AccountsCommand.Disable.class})
public final class AccountsCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static AccountStore store(StateDatabase database)
    {
        return new AccountStore(database, new PasswordHasher(), Clock.systemUTC());
    }

    static String readPassword(String prompt)
    {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword(prompt + ": ");
            char[] second = console.readPassword("again: ");
            if (first == null || second == null || !new String(first).equals(new String(second))) {
                throw new Dancu.CommandFailure("the two passwords differ", 2);
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new Dancu.CommandFailure("no password on standard input", 2);
            }
            return line;
        }
        catch (IOException e) {
            throw new Dancu.CommandFailure("cannot read the password: " + e.getMessage(), 1);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account (the first admin: --role admin).")
    static final class Create implements Callable<Integer>
    {
        @Mixin
        DataOption data;

        @Mixin
        StateOptions state;

        @Option(names = "--username", required = true, description = "3–32 characters: lower-case letters, digits, '.', '_', '-'")
        String username;

        @Option(names = "--role", required = true, description = "viewer, planner, leader, statistician or admin")
        String role;

        @Option(names = "--scope", split = ",", description = "Commune codes (units of 01/07/2025) the account is limited to; default: the whole area")
        List<String> scope;

        @Option(names = "--display-name", description = "Name shown in the dashboard")
        String displayName;

        @Override
        public Integer call()
        {
            Role parsed = Role.parse(role).orElseThrow(() -> new Dancu.CommandFailure("--role '" + role + "' is unknown; allowed: "
                    + String.join(", ", Role.codes()), 2));
            String password = readPassword("password for " + username);
            try (StateDatabase database = state.open(data.layout())) {
                AccountStore accounts = store(database);
                PasswordHasher.check(password);
                Set<String> communes = scope == null ? Set.of() : new LinkedHashSet<>(scope);
                Account account = accounts.create(username, displayName, parsed, communes, password);
                System.out.println("created account " + account.username() + " (" + account.role().code()
                        + (communes.isEmpty() ? "" : ", communes " + String.join(", ", communes)) + ")");
                return 0;
            }
            catch (IllegalArgumentException e) {
                throw new Dancu.CommandFailure(e.getMessage(), 2);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListAccounts implements Callable<Integer>
    {
        @Mixin
        DataOption data;

        @Mixin
        StateOptions state;

        @Override
        public Integer call()
        {
            try (StateDatabase database = state.open(data.layout())) {
                for (Account account : store(database).all()) {
                    System.out.println(account.username() + "\t" + account.role().code() + "\t"
                            + (account.scope().isEmpty() ? "*" : String.join(",", account.scope().stream().sorted().toList())) + "\t"
                            + (account.disabled() ? "disabled" : "enabled") + "\t" + account.displayName());
                }
            }
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set an account's password.")
    static final class Password implements Callable<Integer>
    {
        @Mixin
        DataOption data;

        @Mixin
        StateOptions state;

        @Option(names = "--username", required = true)
        String username;

        @Override
        public Integer call()
        {
            try (StateDatabase database = state.open(data.layout())) {
                AccountStore accounts = store(database);
                if (accounts.find(username).isEmpty()) {
                    throw new Dancu.CommandFailure("no account '" + username + "'", 2);
                }
                accounts.setPassword(username, readPassword("new password for " + username));
            }
            catch (IllegalArgumentException e) {
                throw new Dancu.CommandFailure(e.getMessage(), 2);
            }
            System.out.println("password of " + username + " changed (a running server ends its sessions at their next check)");
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable (or with --enable, enable) an account.")
    static final class Disable implements Callable<Integer>
    {
        @Mixin
        DataOption data;

        @Mixin
        StateOptions state;

        @Option(names = "--username", required = true)
        String username;

        @Option(names = "--enable", description = "Enable the account again")
        boolean enable;

        @Override
        public Integer call()
        {
            try (StateDatabase database = state.open(data.layout())) {
                AccountStore accounts = store(database);
                if (accounts.find(username).isEmpty()) {
                    throw new Dancu.CommandFailure("no account '" + username + "'", 2);
                }
                accounts.update(username, null, null, null, !enable);
            }
            System.out.println("account " + username + (enable ? " enabled" : " disabled"));
            return 0;
        }
    }
}
