package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@code raw/extract.json} says about an extract (docs/architecture.md).
 *
 * @param declaredRecords records per file as {@code extract.json}'s {@code files} list declares them (path relative
 *                        to the extract folder → records); empty when the extract does not list its files
 */
public record ExtractMetadata(String extractId, LocalDate extractDate, LocalDate periodStart, LocalDate periodEnd, String area,
        Map<String, Long> declaredRecords)
{
    public ExtractMetadata
    {
        requireNonNull(extractId, "extractId is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(area, "area is null");
        declaredRecords = Map.copyOf(requireNonNull(declaredRecords, "declaredRecords is null"));
        if (periodStart.isAfter(periodEnd)) {
            throw new IllegalArgumentException("extract.json: periodStart " + periodStart + " is after periodEnd " + periodEnd);
        }
    }

    public static ExtractMetadata parse(String json)
    {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            Map<String, Long> declared = new LinkedHashMap<>();
            JsonNode files = node.get("files");
            if (files != null && files.isArray()) {
                for (JsonNode file : files) {
                    if (file.hasNonNull("path") && file.hasNonNull("records")) {
                        declared.put(file.get("path").asText(), file.get("records").asLong());
                    }
                }
            }
            return new ExtractMetadata(
                    text(node, "extractId"),
                    LocalDate.parse(text(node, "extractDate")),
                    LocalDate.parse(text(node, "periodStart")),
                    LocalDate.parse(text(node, "periodEnd")),
                    text(node, "area"),
                    declared);
        }
        catch (IOException | DateTimeParseException e) {
            throw new IngestFailure("extract.json is not valid: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IngestFailure("extract.json has no " + field);
        }
        return value.asText();
    }
}
