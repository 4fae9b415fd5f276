package vn.dancu.model.cube;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code lists cubes store ({@code /codes/code-lists.json}): sexes, residence statuses, age groups, flows,
 * identity states, quality indicators, reason codes. Ethnic groups and administrative units are catalogues of the
 * {@code datasets} module and are not repeated here; {@link #EXTERNAL} names them.
 */
public final class CodeLists
{
    /** Code lists a descriptor may name that live in the reference catalogues. */
    public static final List<String> EXTERNAL = List.of("ethnicity");

    private static final CodeLists BUILT_IN = load();

    private final Map<String, CodeList> lists;

    private CodeLists(Map<String, CodeList> lists)
    {
        this.lists = Map.copyOf(lists);
    }

    public static CodeLists builtIn()
    {
        return BUILT_IN;
    }

    private static CodeLists load()
    {
        try (InputStream in = CodeLists.class.getResourceAsStream("/codes/code-lists.json")) {
            if (in == null) {
                throw new IllegalStateException("/codes/code-lists.json is missing from the classpath");
            }
            JsonNode root = CubeCatalog.json().readTree(in);
            Map<String, CodeList> lists = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<Code> codes = new ArrayList<>();
                for (JsonNode code : field.getValue().get("codes")) {
                    codes.add(new Code(code.get("code").asText(), code.get("vi").asText(), code.get("en").asText(),
                            code.hasNonNull("from") ? code.get("from").asInt() : null,
                            code.hasNonNull("to") ? code.get("to").asInt() : null));
                }
                lists.put(field.getKey(), new CodeList(field.getKey(), codes));
            }
            return new CodeLists(lists);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read /codes/code-lists.json", e);
        }
    }

    public Optional<CodeList> find(String name)
    {
        return Optional.ofNullable(lists.get(name));
    }

    public CodeList get(String name)
    {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown code list '" + name + "'; known: " + names()));
    }

    public List<String> names()
    {
        return lists.keySet().stream().sorted().toList();
    }

    public boolean exists(String name)
    {
        return lists.containsKey(name) || EXTERNAL.contains(name);
    }
}
