package vn.dancu.engine.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PseudonymiserTest
{
    private static final byte[] KEY = "a test key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

    private static String hmac(byte[] key, String value) throws Exception
    {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    @Test
    void sparkColumnEqualsStandardHmacSha256() throws Exception
    {
        Pseudonymiser pseudonymiser = new Pseudonymiser(KEY);
        StructType schema = new StructType().add("id", DataTypes.StringType);
        List<Row> rows = SparkTestSession.get()
                .createDataFrame(List.of(RowFactory.create("062301012345"), RowFactory.create((String) null)), schema)
                .select(pseudonymiser.pseudonym(col("id"))).collectAsList();

        assertEquals(hmac(KEY, "062301012345"), rows.get(0).getString(0));
        assertNull(rows.get(1).get(0));
        assertEquals(hmac(KEY, "062301012345"), pseudonymiser.pseudonym("062301012345"));
    }

    @Test
    void longKeysAreHashedFirstAsRfc2104Says() throws Exception
    {
        byte[] longKey = "k".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertEquals(hmac(longKey, "051300000001"), new Pseudonymiser(longKey).pseudonym("051300000001"));
    }

    @Test
    void refusesShortKeys()
    {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Pseudonymiser(new byte[8]));
        assertEquals("the pseudonymisation key must have at least 16 bytes, has 8", error.getMessage());
    }
}
