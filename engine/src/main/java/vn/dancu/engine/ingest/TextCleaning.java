package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.text.Normalizer;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

/**
 * Text as validation sees it: trimmed (spaces, tabs, no-break spaces, a stray byte-order mark), empty = missing, and
 * Vietnamese words in Unicode NFC.
 *
 * <p>Spark 4.2 has no Unicode normalisation function (none among {@code functions}, none in the SQL function
 * registry), so NFC is a small UDF around {@link Normalizer}. It is applied only to the fields that carry Vietnamese
 * words ({@code sex}, {@code religion}, {@code relation_to_head}, {@code residence_status}); codes and dates are
 * ASCII, where NFC changes nothing, and a non-ASCII character in them fails their check anyway.
 */
public final class TextCleaning
{
    private static final Column TRIMMED_CHARACTERS = lit(" \t\u00A0\uFEFF");

    private static final UserDefinedFunction NFC = udf(
            (UDF1<String, String>) text -> text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC),
            DataTypes.StringType).withName("nfc");

    private TextCleaning() {}

    /** Trimmed; null when empty. */
    public static Column clean(Column text)
    {
        return nullif(trim(text, TRIMMED_CHARACTERS), lit(""));
    }

    /** Trimmed, null when empty, and in Unicode NFC. */
    public static Column cleanWords(Column text)
    {
        return NFC.apply(clean(text));
    }

    /** {@code text} in NFC, for comparing with values typed in Java source. */
    public static String nfc(String text)
    {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
