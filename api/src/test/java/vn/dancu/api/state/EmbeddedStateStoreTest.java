package vn.dancu.api.state;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The state stores' contract on the embedded H2 database of a server folder. */
class EmbeddedStateStoreTest
        extends StateStoreContract
{
    @TempDir
    static Path serverFolder;

    @Override
    protected StateDatabase openDatabase()
    {
        return StateDatabase.embedded(serverFolder);
    }
}
