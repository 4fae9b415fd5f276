package vn.dancu.datasets.synthetic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code extract.json}: what the extract is (docs/architecture.md). Holds no timestamp, so the same options give
 * the same bytes.
 *
 * @param personsRequested the {@code --persons} value, null for the calibrated default
 * @param residentsAtEnd   persons resident at the period end
 */
@JsonPropertyOrder({"extractId", "extractDate", "periodStart", "periodEnd", "area", "seed", "personsRequested",
        "residentsAtEnd", "format", "badRate", "generator", "files"})
record ExtractMetadata(String extractId, String extractDate, String periodStart, String periodEnd, String area, long seed,
        Long personsRequested, long residentsAtEnd, String format, double badRate, String generator, List<FileEntry> files)
{
    static final String FILE_NAME = "extract.json";
    /** Name and version of the generator and of its demographic model. */
    static final String GENERATOR = "dancu-datasets synthetic register generator 0.1.0 (model 1)";

    ExtractMetadata
    {
        requireNonNull(extractId, "extractId is null");
        files = List.copyOf(files);
    }

    /**
     * @param path    relative to the extract folder, with '/' separators
     * @param content {@code persons}, {@code events} or {@code faults}
     */
    @JsonPropertyOrder({"path", "content", "records"})
    record FileEntry(String path, String content, long records)
    {
        FileEntry
        {
            requireNonNull(path, "path is null");
            requireNonNull(content, "content is null");
        }
    }

    void write(Path file) throws IOException
    {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
