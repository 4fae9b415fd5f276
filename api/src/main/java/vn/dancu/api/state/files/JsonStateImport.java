package vn.dancu.api.state.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.ServerFiles;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first start on the state database of a server folder that still holds the JSON files of older versions
 * ({@code accounts.json}, {@code tokens.json}, {@code settings.json}): each file whose table is still empty is
 * imported, all of them in one transaction, then renamed {@code <name>.migrated} (kept, owner-only) with one log line
 * per file. A file that cannot be read stops the start with its name, and nothing is imported.
 */
public final class JsonStateImport
{
    private static final Logger LOG = LoggerFactory.getLogger(JsonStateImport.class);
    public static final String MIGRATED_SUFFIX = ".migrated";

    private JsonStateImport() {}

    record AccountsFile(List<Account> accounts) {}

    record TokensFile(List<ApiTokens.Token> tokens) {}

    /** What the import did with one file. */
    public record Imported(Path file, String what, int count) {}

    /** Imports the old files of {@code serverFolder} that are present and whose tables are empty; the files imported. */
    public static List<Imported> importOnce(StateDatabase database, Path serverFolder)
    {
        Path accountsFile = serverFolder.resolve(AccountStore.FILE_NAME);
        Path tokensFile = serverFolder.resolve(ApiTokens.FILE_NAME);
        Path settingsFile = serverFolder.resolve(SettingsStore.FILE_NAME);
        if (!Files.exists(accountsFile) && !Files.exists(tokensFile) && !Files.exists(settingsFile)) {
            return List.of();
        }
        ObjectMapper json = CubeCatalog.json();
        // Every file is read before anything is written: a corrupt one imports nothing.
        Optional<AccountsFile> accounts = read(json, accountsFile, AccountsFile.class, "accounts");
        Optional<TokensFile> tokens = read(json, tokensFile, TokensFile.class, "tokens");
        Optional<ServerSettings> settings = read(json, settingsFile, ServerSettings.class, "settings");
        List<Imported> imported = database.inTransaction(handle -> {
            List<Imported> done = new ArrayList<>();
            if (accounts.isPresent()) {
                if (count(handle, "account") == 0) {
                    List<Account> list = accounts.get().accounts() == null ? List.of() : accounts.get().accounts();
                    for (Account account : list) {
                        AccountStore.insert(handle, account);
                    }
                    done.add(new Imported(accountsFile, "accounts", list.size()));
                }
                else {
                    LOG.warn("{} is not imported: the state database {} has accounts already (the file is left as it is)", accountsFile, database.description());
                }
            }
            if (tokens.isPresent()) {
                if (count(handle, "api_token") == 0) {
                    List<ApiTokens.Token> list = tokens.get().tokens() == null ? List.of() : tokens.get().tokens();
                    for (ApiTokens.Token token : list) {
                        ApiTokens.insert(handle, token);
                    }
                    done.add(new Imported(tokensFile, "API tokens", list.size()));
                }
                else {
                    LOG.warn("{} is not imported: the state database {} has API tokens already (the file is left as it is)", tokensFile, database.description());
                }
            }
            if (settings.isPresent()) {
                if (SettingsStore.neverChanged(handle)) {
                    SettingsStore.write(handle, settings.get(), 1);
                    done.add(new Imported(settingsFile, "settings with targets", settings.get().targets().size()));
                }
                else {
                    LOG.warn("{} is not imported: the settings in the state database {} were changed already (the file is left as it is)", settingsFile,
                            database.description());
                }
            }
            return done;
        });
        for (Imported file : imported) {
            Path migrated = file.file().resolveSibling(file.file().getFileName() + MIGRATED_SUFFIX);
            try {
                Files.move(file.file(), migrated, StandardCopyOption.REPLACE_EXISTING);
                ServerFiles.ownerOnly(migrated);
            }
            catch (IOException e) {
                throw new UncheckedIOException("imported " + file.file() + " into the state database, but cannot rename it to " + migrated, e);
            }
            LOG.info("imported {} {} from {} into the state database {}; the file is kept as {}", file.count(), file.what(), file.file(),
                    database.description(), migrated.getFileName());
        }
        return imported;
    }

    private static <T> Optional<T> read(ObjectMapper json, Path file, Class<T> type, String what)
    {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        }
        catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the old " + what + " file " + file + " (" + firstLine(e) + "): nothing was imported into the"
                    + " state database; repair or remove the file and start again", e);
        }
    }

    private static String firstLine(Exception e)
    {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static long count(org.jdbi.v3.core.Handle handle, String table)
    {
        return handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
    }
}
