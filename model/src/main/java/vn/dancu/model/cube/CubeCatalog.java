package vn.dancu.model.cube;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The cube descriptors shipped in {@code /cubes/} on the classpath ({@code model/src/main/resources/cubes}),
 * listed in {@code /cubes/index.txt}, one file name a line.
 */
public final class CubeCatalog
{
    public static final int MAX_CUBOIDS_PER_CUBE = 64;

    private final Map<String, CubeDescriptor> cubes;
    private final Map<String, String> sha256;

    public CubeCatalog(Map<String, CubeDescriptor> cubes, Map<String, String> sha256)
    {
        this.cubes = new LinkedHashMap<>(requireNonNull(cubes, "cubes is null"));
        this.sha256 = Map.copyOf(sha256);
    }

    public static ObjectMapper json()
    {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules();
    }

    public static CubeCatalog builtIn()
    {
        List<String> files;
        try (InputStream index = open("index.txt")) {
            files = new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, CubeDescriptor> cubes = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : files) {
            byte[] bytes;
            try (InputStream in = open(file)) {
                bytes = in.readAllBytes();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CubeDescriptor descriptor = parse(file, bytes);
            cubes.put(descriptor.name(), descriptor);
            hashes.put(descriptor.name(), sha256(bytes));
        }
        return new CubeCatalog(cubes, hashes);
    }

    /** Parses and validates one descriptor; a problem raises {@link InvalidDescriptorException} naming the file. */
    public static CubeDescriptor parse(String file, byte[] json)
    {
        CubeDescriptor descriptor;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = json().readTree(json);
            List<String> aggregations = nonAdditiveMeasures(tree);
            if (!aggregations.isEmpty()) {
                throw new InvalidDescriptorException(file, aggregations);
            }
            descriptor = json().treeToValue(tree, CubeDescriptor.class);
        }
        catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidDescriptorException(file, List.of(rootMessage(e)));
        }
        List<String> problems = descriptor.problems(MAX_CUBOIDS_PER_CUBE);
        if (!problems.isEmpty()) {
            throw new InvalidDescriptorException(file, problems);
        }
        return descriptor;
    }

    /** Measures whose aggregation is not one a cube can store, as problems. */
    private static List<String> nonAdditiveMeasures(com.fasterxml.jackson.databind.JsonNode tree)
    {
        List<String> problems = new ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode measures = tree.path("measures");
        for (com.fasterxml.jackson.databind.JsonNode measure : measures) {
            String aggregation = measure.path("aggregation").asText("");
            boolean known = java.util.Arrays.stream(Aggregation.values()).anyMatch(value -> value.name().equals(aggregation));
            if (!aggregation.isEmpty() && !known) {
                problems.add("measure '" + measure.path("name").asText("?") + "' has aggregation " + aggregation
                        + ", which cannot be re-aggregated; allowed: " + java.util.Arrays.toString(Aggregation.values())
                        + " (a cube stores counts and sums; rates and means are derived when served, from numerator and denominator)");
            }
        }
        return problems;
    }

    private static String rootMessage(Throwable e)
    {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** One descriptor of the classpath by file name, whether or not the index lists it (tests, tools). */
    public static CubeDescriptor builtInFile(String file)
    {
        try (InputStream in = open(file)) {
            return parse(file, in.readAllBytes());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file)
    {
        InputStream in = CubeCatalog.class.getResourceAsStream("/cubes/" + file);
        if (in == null) {
            throw new IllegalStateException("cube descriptor missing from the classpath: /cubes/" + file);
        }
        return in;
    }

    public static String sha256(byte[] bytes)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<CubeDescriptor> all()
    {
        return new ArrayList<>(cubes.values());
    }

    public Optional<CubeDescriptor> find(String name)
    {
        return Optional.ofNullable(cubes.get(name));
    }

    public List<String> names()
    {
        return new ArrayList<>(cubes.keySet());
    }

    public String descriptorSha256(String name)
    {
        return sha256.get(name);
    }
}
