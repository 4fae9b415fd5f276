package vn.dancu.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the pseudonymisation key comes from: {@code --key-file F}, else the environment variable
 * {@code DANCU_PSEUDONYM_KEY}. Nothing is written out, except by {@code demo}, which creates a random key file
 * readable by its owner only.
 */
public final class PseudonymKey
{
    public static final String ENVIRONMENT_VARIABLE = "DANCU_PSEUDONYM_KEY";
    public static final String DEMO_KEY_FILE = "pseudonym.key";

    private PseudonymKey() {}

    public static byte[] resolve(Path keyFile, Path demoKeyFolder)
    {
        if (keyFile != null) {
            return read(keyFile);
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip().getBytes(StandardCharsets.UTF_8);
        }
        Path demoKey = demoKeyFolder.resolve(DEMO_KEY_FILE);
        String hint = Files.exists(demoKey) ? " (the demo's key is " + demoKey + ": add --key-file " + demoKey + ")" : "";
        throw new Dancu.CommandFailure("no pseudonymisation key: give --key-file FILE or set " + ENVIRONMENT_VARIABLE
                + "; ingest refuses to run without one" + hint, 2);
    }

    public static byte[] read(Path keyFile)
    {
        try {
            String text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            if (text.length() < 16) {
                throw new Dancu.CommandFailure("key file " + keyFile + " holds fewer than 16 characters", 2);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        catch (java.nio.file.NoSuchFileException e) {
            throw new Dancu.CommandFailure("key file " + keyFile + " does not exist", 2);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + keyFile, e);
        }
    }

    /** The demo's key: created once (64 random hex digits, owner read/write only), then reused. */
    public static Path demoKey(Path folder)
    {
        Path file = folder.resolve(DEMO_KEY_FILE);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path temporary = Files.createTempFile(folder, ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, HexFormat.of().formatHex(random) + "\n");
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo key in " + folder, e);
        }
    }
}
