package vn.dancu.api.disclosure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.model.cube.CubePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternStoreTest
{
    /** A 3 × 4 table with small cells, so that its pattern withholds some and not all. */
    private static final long[] VALUES = {1, 7, 12, 9, 15, 2, 11, 30, 8, 14, 3, 21};

    private final AtomicInteger computed = new AtomicInteger();

    private Supplier<LinkedTable> table()
    {
        return () -> {
            computed.incrementAndGet();
            return new ProductTable(List.of(ProductTable.Dimension.flat("a", "a1", "a2", "a3"), ProductTable.Dimension.flat("b", "b1", "b2", "b3", "b4")),
                    VALUES).linked();
        };
    }

    private static SuppressionPattern pattern(DisclosureControl control, String version, Supplier<LinkedTable> table)
    {
        return control.pattern(version, "block-1", table, cube -> CubePolicy.DisclosureUnit.PERSONS);
    }

    @Test
    void aServerStartedAgainReadsThePatternBackInsteadOfComputingIt(@TempDir Path folder)
    {
        SuppressionPattern first = pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v1", table());
        assertEquals(1, computed.get());
        assertTrue(first.withheldAliases() > 0, "the table has small cells");

        SuppressionPattern again = pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v1", table());
        assertEquals(1, computed.get(), "read back, not computed");
        assertEquals(first.shapes(), again.shapes());
        assertEquals(first.figures(), again.figures());
        assertEquals(first.withheld().keySet(), again.withheld().keySet());
        for (String shape : first.withheld().keySet()) {
            assertArrayEquals(first.withheld().get(shape), again.withheld().get(shape), shape);
        }
    }

    @Test
    void anotherThresholdOrVersionIsComputedAndAnOtherVersionsPatternsAreDeleted(@TempDir Path folder) throws IOException
    {
        pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v1", table());
        pattern(new DisclosureControl(() -> 3, PatternStore.inFolder(folder)), "v1", table());
        assertEquals(2, computed.get(), "a pattern at threshold 5 is not one at threshold 3");
        pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v2", table());
        assertEquals(3, computed.get());
        try (Stream<Path> versions = Files.list(folder)) {
            assertEquals(List.of("v2"), versions.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void aDamagedFileIsComputedAgainAndTheAnswerIsTheSame(@TempDir Path folder) throws IOException
    {
        SuppressionPattern first = pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v1", table());
        Path file;
        try (Stream<Path> files = Files.walk(folder)) {
            file = files.filter(path -> path.toString().endsWith(".pattern")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        SuppressionPattern again = pattern(new DisclosureControl(() -> 5, PatternStore.inFolder(folder)), "v1", table());
        assertEquals(2, computed.get(), "a truncated file is not trusted");
        assertEquals(first.withheldAliases(), again.withheldAliases());
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + ".partial")));
    }
}
