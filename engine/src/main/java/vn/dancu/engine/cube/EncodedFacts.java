package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Optional;

/**
 * The facts of a source, either as they are or with some key columns replaced by one {@link KeyDictionary} code: a
 * source that computes on codes hands its rows over still coded, so that the builder groups the cuboids on numbers
 * and decodes each cuboid only when it is written ({@link CuboidAggregator#aggregate}).
 *
 * @param rows       the fact rows; with a dictionary, {@link KeyDictionary#CODE} in place of its key columns
 * @param dictionary the dictionary of {@code rows}' code, if they are coded
 */
public record EncodedFacts(Dataset<Row> rows, Optional<KeyDictionary> dictionary)
{
    /** Facts that are not coded. */
    public static EncodedFacts plain(Dataset<Row> rows)
    {
        return new EncodedFacts(rows, Optional.empty());
    }

    /** Coded facts. */
    public static EncodedFacts coded(Dataset<Row> rows, KeyDictionary dictionary)
    {
        return new EncodedFacts(rows, Optional.of(dictionary));
    }

    /** The rows with their key columns, as {@link FactSource#facts} gives them. */
    public Dataset<Row> decoded()
    {
        return dictionary.map(codes -> codes.decode(rows)).orElse(rows);
    }
}
