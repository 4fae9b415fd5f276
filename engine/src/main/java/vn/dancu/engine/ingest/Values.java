package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;

import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

/** Parsing of raw text values into typed ones, with built-in functions only. */
final class Values
{
    private Values() {}

    /**
     * A date written exactly {@code yyyy-MM-dd} and real; null otherwise ({@code 2019-02-30}, {@code 15/03/1987}). The
     * pattern admits only that shape ({@code \z}, not {@code $}, which lets a final line break through), then a cast
     * checks the day: Spark's cast parses dates by hand, where {@code to_date} with a pattern goes through java.time's
     * formatter and its field resolution (5 % of ingest's CPU at 1 million persons). ValuesTest holds it to java.time's
     * strict parser over every day of eleven years and a list of near misses.
     */
    static Column date(Column text)
    {
        return when(text.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z"), text.try_cast("date"));
    }

    /** True when the text is there but its parsed value ({@code date(text)}, computed once before) is not. */
    static Column unparsed(Column text, Column parsed)
    {
        return text.isNotNull().and(parsed.isNull());
    }

    /**
     * The canonical code of a text value ({@code Nữ} → {@code F}); null for a value not in {@code codes}. A lookup in
     * a literal map: less generated code than a chain of comparisons.
     */
    static Column codeOf(Column text, Map<String, String> codes)
    {
        Column[] entries = codes.entrySet().stream()
                .flatMap(entry -> Stream.of(lit(TextCleaning.nfc(entry.getKey())), lit(entry.getValue())))
                .toArray(Column[]::new);
        return try_element_at(map(entries), text);
    }
}
