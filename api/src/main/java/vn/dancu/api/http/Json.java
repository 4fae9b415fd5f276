package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.api.error.ApiException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON as the API writes it, and reading JSON request bodies with 400s that name the field. */
public final class Json
{
    private static final ObjectMapper MAPPER = mapper();

    private Json() {}

    /** A new mapper writing JSON as every response does: ISO dates, no nulls dropped, compact. */
    public static ObjectMapper mapper()
    {
        return CubeCatalog.json()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The shared mapper of the controllers (thread-safe once configured). */
    static ObjectMapper shared()
    {
        return MAPPER;
    }

    public static JsonNode body(Context ctx)
    {
        try {
            JsonNode node = MAPPER.readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw ApiException.badParameter("body", "the request body must be a JSON object", List.of());
            }
            return node;
        }
        catch (IOException e) {
            throw ApiException.badParameter("body", "the request body is not JSON", List.of());
        }
    }

    public static String text(JsonNode body, String field, boolean required)
    {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badParameter(field, "missing", List.of());
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badParameter(field, "must be a string", List.of());
        }
        return value.asText();
    }

    public static List<String> texts(JsonNode body, String field)
    {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiException.badParameter(field, "must be an array of strings", List.of());
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badParameter(field, "must be an array of strings", List.of());
            }
            items.add(item.asText());
        }
        return items;
    }
}
