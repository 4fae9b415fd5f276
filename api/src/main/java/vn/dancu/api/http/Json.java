package vn.dancu.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.dancu.api.ApiException;
import vn.dancu.api.ApiServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading JSON request bodies with 400s that name the field. */
final class Json
{
    private Json() {}

    static JsonNode body(Context ctx)
    {
        try {
            JsonNode node = CubeController.JSON.readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw ApiException.badParameter("body", "the request body must be a JSON object", List.of());
            }
            return node;
        }
        catch (IOException e) {
            throw ApiException.badParameter("body", "the request body is not JSON", List.of());
        }
    }

    static String text(JsonNode body, String field, boolean required)
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

    static List<String> texts(JsonNode body, String field)
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
