package vn.dancu.api.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/** The server settings in {@code DATA/server/settings.json}; each change bumps a revision that response caches key on. */
public final class SettingsStore
{
    public static final String FILE_NAME = "settings.json";

    private final Path file;
    private final ObjectMapper json = CubeCatalog.json().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final AtomicLong revision = new AtomicLong();
    private volatile ServerSettings current;

    public SettingsStore(Path serverFolder)
    {
        this.file = requireNonNull(serverFolder, "serverFolder is null").resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                current = json.readValue(file.toFile(), ServerSettings.class);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read the settings file " + file, e);
            }
        }
        else {
            current = ServerSettings.defaults();
        }
    }

    public ServerSettings current()
    {
        return current;
    }

    public long revision()
    {
        return revision.get();
    }

    public synchronized ServerSettings replace(ServerSettings settings)
    {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            json.writeValue(temporary.toFile(), settings);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the settings file " + file, e);
        }
        current = settings;
        revision.incrementAndGet();
        return settings;
    }
}
