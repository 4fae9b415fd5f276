package vn.dancu.engine.sql;

import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.engine.cube.CubeBuildJob;
import vn.dancu.engine.ingest.IngestJob;
import vn.dancu.engine.ingest.IngestOptions;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** A small register generated, ingested and built once per test JVM, for the SQL tests. */
final class RegisterPipeline
{
    static final LocalDate PERIOD_END = LocalDate.of(2026, 10, 31);
    private static DataLayout layout;

    private RegisterPipeline() {}

    static synchronized DataLayout layout()
    {
        if (layout != null) {
            return layout;
        }
        try {
            Path folder = Files.createTempDirectory("dancu-sql-test");
            folder.toFile().deleteOnExit();
            GeneratorOptions options = new GeneratorOptions(folder.resolve("raw"), Area.konray(), 600L, 11,
                    LocalDate.of(2025, 5, 1), PERIOD_END, RegisterFormat.PARQUET, 0);
            RegisterGenerator.generate(options);
            DataLayout data = new DataLayout(folder.toString());
            var spark = SparkTestSession.get();
            Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
            new IngestJob(spark, storage).run(new IngestOptions(data, data.raw(), "a key for the sql tests".getBytes(StandardCharsets.UTF_8)));
            new CubeBuildJob(spark, storage, CubeCatalog.builtIn()).run(new BuildOptions(data, null, List.of(), 2));
            layout = data;
            return layout;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
