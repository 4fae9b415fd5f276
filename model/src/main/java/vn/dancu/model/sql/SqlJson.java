package vn.dancu.model.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of the SQL engine protocol ({@link SqlProtocol}). Values of result rows are written as the API writes them
 * (dates {@code yyyy-MM-dd}, timestamps ISO-8601, arrays and maps as JSON) and read back into the Java types of
 * their column's Spark type, so that a result read from the engine is the result the engine had.
 */
public final class SqlJson
{
    private static final ObjectMapper MAPPER = CubeCatalog.json()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SqlJson() {}

    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /** The JSON text of a value (a row, a cell), in UTF-8: what the result size limit counts. */
    public static byte[] bytes(Object value)
    {
        try {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode read(byte[] body)
    {
        try {
            return MAPPER.readTree(body);
        }
        catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
    }

    // statements

    public static ObjectNode request(StatementRequest request)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", request.id());
        node.put("statement", request.statement());
        node.put("timeLimitMillis", request.limits().timeLimit().toMillis());
        node.put("rowLimit", request.limits().rowLimit());
        node.put("byteLimit", request.limits().byteLimit());
        return node;
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    public static StatementRequest request(JsonNode node)
    {
        return new StatementRequest(text(node, "id"), text(node, "statement"),
                new SqlLimits(Duration.ofMillis(number(node, "timeLimitMillis")), (int) number(node, "rowLimit"), number(node, "byteLimit")));
    }

    public static ObjectNode answer(StatementAnswer answer)
    {
        ObjectNode node = MAPPER.createObjectNode();
        answer.result().ifPresent(result -> node.set("result", result(result)));
        answer.failure().ifPresent(failure -> {
            ObjectNode error = node.putObject("failure");
            error.put("category", failure.category().name());
            error.put("message", failure.message());
        });
        node.put("stopped", answer.stopped());
        return node;
    }

    public static StatementAnswer answer(JsonNode node)
    {
        if (node.hasNonNull("result")) {
            return StatementAnswer.of(result(node.get("result")));
        }
        JsonNode failure = node.path("failure");
        return StatementAnswer.failed(SqlException.Category.valueOf(text(failure, "category")), text(failure, "message"),
                node.path("stopped").asBoolean(true));
    }

    public static ObjectNode result(SqlResult result)
    {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode columns = node.putArray("columns");
        for (SqlResult.Column column : result.columns()) {
            columns.addObject().put("name", column.name()).put("type", column.type());
        }
        node.set("rows", MAPPER.valueToTree(result.rows()));
        node.put("truncation", result.truncation().name());
        node.put("rowLimit", result.rowLimit());
        node.put("byteLimit", result.byteLimit());
        node.put("elapsedMillis", result.elapsed().toMillis());
        return node;
    }

    public static SqlResult result(JsonNode node)
    {
        List<SqlResult.Column> columns = new ArrayList<>();
        for (JsonNode column : node.path("columns")) {
            columns.add(new SqlResult.Column(text(column, "name"), text(column, "type")));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : node.path("rows")) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                values.add(value(row.get(c), columns.get(c).type()));
            }
            rows.add(java.util.Collections.unmodifiableList(values));
        }
        return new SqlResult(columns, rows, SqlResult.Truncation.valueOf(text(node, "truncation")), (int) number(node, "rowLimit"),
                number(node, "byteLimit"), Duration.ofMillis(number(node, "elapsedMillis")));
    }

    /**
     * A cell as the Java value of its Spark type ({@code bigint} → Long, {@code decimal(10,2)} → BigDecimal,
     * {@code date} → LocalDate, …); arrays, maps and structs as Lists and Maps of plain JSON values.
     */
    public static Object value(JsonNode node, String type)
    {
        if (node == null || node.isNull()) {
            return null;
        }
        String base = type.toLowerCase(Locale.ROOT);
        if (node.isTextual()) {
            String text = node.asText();
            return switch (base) {
                case "date" -> LocalDate.parse(text);
                case "timestamp" -> Instant.parse(text);
                case "timestamp_ntz" -> LocalDateTime.parse(text);
                case "double" -> Double.valueOf(text); // NaN, Infinity
                case "float" -> Float.valueOf(text);
                default -> text;
            };
        }
        if (node.isNumber()) {
            if (base.startsWith("decimal")) {
                return node.decimalValue();
            }
            return switch (base) {
                case "bigint" -> node.longValue();
                case "int" -> node.intValue();
                case "smallint" -> node.shortValue();
                case "tinyint" -> (byte) node.intValue();
                case "double" -> node.doubleValue();
                case "float" -> node.floatValue();
                default -> plain(node);
            };
        }
        return plain(node);
    }

    /** A JSON value as String, Boolean, Integer, Long, BigDecimal, List or Map. */
    private static Object plain(JsonNode node)
    {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? (node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue()) : (Object) node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), plain(field.getValue()));
        }
        return map;
    }

    // views and progress

    public static ObjectNode views(List<ViewDefinition> views)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("views", MAPPER.valueToTree(views));
        return node;
    }

    public static List<ViewDefinition> views(JsonNode node)
    {
        List<ViewDefinition> views = new ArrayList<>();
        for (JsonNode view : node.path("views")) {
            views.add(MAPPER.convertValue(view, ViewDefinition.class));
        }
        return List.copyOf(views);
    }

    public static ObjectNode progress(Optional<StatementProgress> progress)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("running", progress.isPresent());
        progress.ifPresent(p -> node.put("stagesDone", p.stagesDone()).put("stagesTotal", p.stagesTotal())
                .put("tasksDone", p.tasksDone()).put("tasksTotal", p.tasksTotal()));
        return node;
    }

    public static Optional<StatementProgress> progress(JsonNode node)
    {
        if (!node.path("running").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(new StatementProgress(node.path("stagesDone").asInt(), node.path("stagesTotal").asInt(),
                node.path("tasksDone").asLong(), node.path("tasksTotal").asLong()));
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a whole number");
        }
        return value.longValue();
    }
}
