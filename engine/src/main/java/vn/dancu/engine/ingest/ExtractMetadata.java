package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/** What {@code raw/extract.json} says about an extract (docs/architecture.md). */
public record ExtractMetadata(String extractId, LocalDate extractDate, LocalDate periodStart, LocalDate periodEnd, String area)
{
    public ExtractMetadata
    {
        requireNonNull(extractId, "extractId is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(area, "area is null");
    }

    public static ExtractMetadata parse(String json)
    {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            return new ExtractMetadata(
                    text(node, "extractId"),
                    LocalDate.parse(text(node, "extractDate")),
                    LocalDate.parse(text(node, "periodStart")),
                    LocalDate.parse(text(node, "periodEnd")),
                    text(node, "area"));
        }
        catch (java.io.IOException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("extract.json is not valid: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("extract.json has no " + field);
        }
        return value.asText();
    }
}
