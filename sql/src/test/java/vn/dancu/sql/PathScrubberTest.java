package vn.dancu.sql;

import org.junit.jupiter.api.Test;
import vn.dancu.model.sql.SqlResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PathScrubberTest
{
    private final PathScrubber scrubber = new PathScrubber(Path.of("/srv/dancu/data"), List.of(Path.of("/srv/dancu/data/server/scratch-1"),
            Path.of("/home/dancu"), Path.of("/usr/lib/jvm/java-17")));

    @Test
    void explainsFileScanShowsTheDataFolderAsAPlaceholder()
    {
        assertEquals("FileScan parquet [pid#1] Location: InMemoryFileIndex(1 paths)[<data>/curated/snapshots/s20261031-ab/persons], PartitionFilters: []",
                scrubber.value("FileScan parquet [pid#1] Location: InMemoryFileIndex(1 paths)[file:/srv/dancu/data/curated/snapshots/s20261031-ab/persons],"
                        + " PartitionFilters: []"));
        assertEquals("<data>/cubes/versions/v1", scrubber.value("file:///srv/dancu/data/cubes/versions/v1"));
    }

    @Test
    void otherServerFoldersAndFileUrisAreHidden()
    {
        assertEquals("spill in <server>/blockmgr-1/0c", scrubber.value("spill in /srv/dancu/data/server/scratch-1/blockmgr-1/0c"));
        assertEquals("jar <server>/lib/modules", scrubber.value("jar /usr/lib/jvm/java-17/lib/modules"));
        assertEquals("reading file:<server path> failed", scrubber.value("reading file:/var/lib/other/x.parquet failed"));
    }

    @Test
    void messagesLoseEveryAbsolutePathButKeepUrlsAndDates()
    {
        assertEquals("[FAILED_READ_FILE.FILE_NOT_EXIST] Encountered error while reading file <data>/curated/part-0.parquet; also <server path>."
                        + " See https://spark.apache.org/docs/latest/sql-ref.html on 2025/06/30",
                scrubber.message("[FAILED_READ_FILE.FILE_NOT_EXIST] Encountered error while reading file file:/srv/dancu/data/curated/part-0.parquet;"
                        + " also /etc/dancu/secret.key. See https://spark.apache.org/docs/latest/sql-ref.html on 2025/06/30"));
        assertEquals("[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.",
                scrubber.message("[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead."));
    }

    @Test
    void resultValuesAreScrubbedInsideListsAndMapsAndUntouchedResultsStayTheSame()
    {
        SqlResult result = new SqlResult(List.of(new SqlResult.Column("plan", "string"), new SqlResult.Column("n", "bigint")),
                List.of(List.of(List.of("file:/srv/dancu/data/raw/persons.parquet"), 1L), List.of(Map.of("k", "/home/dancu/.bashrc"), 2L)),
                SqlResult.Truncation.NONE, 10, 1000, Duration.ZERO);
        assertEquals(List.of(List.of(List.of("<data>/raw/persons.parquet"), 1L), List.of(Map.of("k", "<server>/.bashrc"), 2L)), scrubber.result(result).rows());
        SqlResult clean = new SqlResult(result.columns(), List.of(List.of("/ not a path", 3L)), SqlResult.Truncation.NONE, 10, 1000, Duration.ZERO);
        assertSame(clean, scrubber.result(clean));
    }
}
