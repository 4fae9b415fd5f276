package vn.dancu.sql;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlEngineLaunchTest
{
    @Test
    void commandRunsTheEngineUnderNiceWithItsOwnHeapAndSparksFlags()
    {
        List<String> command = new SqlEngineLaunch(Path.of("/opt/java/bin/java"), "2g", SqlEngineLaunch.DEFAULT_NICE, "local[2]").command(Path.of("/srv/data"));
        List<String> expectedStart = Files.isExecutable(Path.of("/usr/bin/nice"))
                ? List.of("/usr/bin/nice", "-n", "19", "/opt/java/bin/java", "-Xmx2g", "-XX:+ExitOnOutOfMemoryError", "-XX:-HeapDumpOnOutOfMemoryError")
                : List.of("/opt/java/bin/java", "-Xmx2g", "-XX:+ExitOnOutOfMemoryError", "-XX:-HeapDumpOnOutOfMemoryError");
        assertEquals(expectedStart, command.subList(0, expectedStart.size()));
        assertEquals(List.of("-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "vn.dancu.sql.SqlEngineMain", "--data", "/srv/data", "--master", "local[2]"),
                command.subList(command.size() - 7, command.size()));
        assertTrue(command.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), command.toString());
        assertEquals(SqlEngineLaunch.sparkJvmFlags(), command.subList(expectedStart.size(), command.size() - 7));
    }

    @Test
    void withoutNiceTheCommandStartsWithJava()
    {
        assertEquals("/opt/java/bin/java", new SqlEngineLaunch(Path.of("/opt/java/bin/java"), "512m", 0, "local[1]").command(Path.of("/d")).get(0));
    }

    @Test
    void heapMustBeASize()
    {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SqlEngineLaunch.withHeap("lots"));
        assertEquals("the heap must be a size such as 2g or 512m, was 'lots'", error.getMessage());
    }
}
