package vn.dancu.engine.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextScanTest
{
    private static final List<String> COLUMNS = List.of("record_id", "name", "status");

    /** Feeds the bytes in chunks of 5, so that lines, CRLF pairs and UTF-8 sequences cross chunk boundaries. */
    private static TextScan.Result scan(TextScan scan, byte[] bytes)
    {
        for (int start = 0; start < bytes.length; start += 5) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + 5));
            scan.update(chunk, chunk.length);
        }
        return scan.finish();
    }

    private static TextScan.Result csv(String text)
    {
        return scan(TextScan.csv(COLUMNS), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsPhysicalLinesWhateverTheLineEndsAndRecordsAfterTheHeader()
    {
        TextScan.Result scan = csv("record_id,name,status\r\nP1,An,Thường trú\rP2,Bình,Tạm trú\nP3,Chi,Thường trú");

        assertEquals(4, scan.lines());
        assertEquals(3, scan.records());
        assertEquals(List.of(), scan.multiLineRecords());
        assertEquals(Optional.empty(), scan.encodingProblem("persons.csv"));
    }

    @Test
    void aQuotedFieldHoldingLineBreaksMakesOneRecordOfItsLines()
    {
        TextScan.Result scan = csv("record_id,name,status\nP1,\"Nguyễn\r\nVăn\nAn\",Thường trú\nP2,\"Lê, \"\"Bé\"\"\",Tạm trú\n");

        assertEquals(5, scan.lines());
        assertEquals(2, scan.records());
        assertEquals(List.of(new InputFacts.LineRange(2, 4)), scan.multiLineRecords());
    }

    @Test
    void aQuoteNeverClosedIsOneBadRecordAndDoesNotSwallowTheRecordsAfterIt()
    {
        // line 2 opens a quote that line 3 does not close in a way that gives 3 fields; line 4 is a whole record
        TextScan.Result scan = csv("record_id,name,status\nP1,\"An,Thường trú\nP2,Bình,Tạm trú\nP3,\"Chi\nở\",Thường trú\n");

        assertEquals(3, scan.records());
        assertEquals(List.of(new InputFacts.LineRange(4, 5)), scan.multiLineRecords());
    }

    @Test
    void aQuoteOpenForMoreThanTenLinesIsOneBadRecord()
    {
        StringBuilder text = new StringBuilder("record_id,name,status\nP0,\"unclosed,x\n");
        for (int i = 1; i <= 12; i++) {
            text.append("P").append(i).append(",Tên,Thường trú\n");
        }

        TextScan.Result scan = csv(text.toString());

        assertEquals(13, scan.records());
        assertEquals(List.of(), scan.multiLineRecords());
    }

    @Test
    void aRepeatedHeaderRowIsARecordToQuarantineAndIsRecognisedWithQuotesAndSpaces()
    {
        TextScan.Result scan = csv("record_id,name,status\nP1,An,Thường trú\nrecord_id,name,status\nP2,Bình,Tạm trú\n\"record_id\", \"name\" ,status\r\n");

        assertEquals(4, scan.records());
        assertEquals(2, scan.repeatedHeaders());
        assertEquals(List.of(3L, 5L), scan.repeatedHeaderLines());
    }

    @Test
    void aFileInUtf16IsNamedWithItsByteOrder()
    {
        String text = "record_id,name,status\nP1,An,Thường trú\n";
        byte[] withMark = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[withMark.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(withMark, 0, marked, 2, withMark.length);

        assertEquals(Optional.of("persons.csv is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it"
                        + " (iconv -f UTF-16 -t UTF-8 persons.csv) and run again; nothing was published"),
                scan(TextScan.csv(COLUMNS), marked).encodingProblem("persons.csv"));
        assertEquals(Optional.of("events/part-00001.jsonl is UTF-16 (big-endian), not UTF-8: convert it"
                        + " (iconv -f UTF-16BE -t UTF-8 part-00001.jsonl) and run again; nothing was published"),
                scan(TextScan.jsonLines(), "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_16BE)).encodingProblem("events/part-00001.jsonl"));
    }

    @Test
    void aFileInWindows1258IsNamedAsSuch()
    {
        String text = "record_id,name,status\nP1,Nguyễn Văn An,Thường trú\nP2,Lê Thị Bình,Tạm trú\nP3,Y Hoa,Thường trú\nP4,A Dũng,Đã chết\n";

        TextScan.Result scan = scan(TextScan.csv(COLUMNS), windows1258(text));

        assertEquals(Optional.of("persons.csv is not UTF-8 but Windows-1258 (the Vietnamese Windows code page): 4 of its 4 lines with"
                        + " non-ASCII characters are not valid UTF-8; convert it (iconv -f WINDOWS-1258 -t UTF-8 persons.csv) and run again;"
                        + " nothing was published"),
                scan.encodingProblem("persons.csv"));
    }

    @Test
    void aFewBadLinesInAUtf8FileAreNotAWholeFileProblem()
    {
        byte[] good = "record_id,name,status\nP1,An,Thường trú\nP2,Bình,Tạm trú\nP3,Chi,Thường trú\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 8];
        System.arraycopy(good, 0, bad, 0, good.length);
        System.arraycopy(new byte[] {'P', '4', ',', (byte) 0xC3, 0x28, ',', 'x', '\n'}, 0, bad, good.length, 8);

        TextScan.Result scan = scan(TextScan.csv(COLUMNS), bad);

        assertEquals(1, scan.invalidUtf8Lines());
        assertEquals(4, scan.nonAsciiLines());
        assertEquals(Optional.empty(), scan.encodingProblem("persons.csv"));
    }

    @Test
    void aFileInAnotherEightBitEncodingIsNotUtf8AndNotWindows1258()
    {
        byte[] latin = "record_id,name,status\nP1,Ñandú,x\nP2,Müller,y\nP3,Åse,z\n".getBytes(Charset.forName("ISO-8859-1"));

        assertEquals(Optional.of("persons.csv is not UTF-8: 3 of its 3 lines with non-ASCII characters are not valid UTF-8, and it does not"
                        + " read as Windows-1258 either (TCVN3 or VNI?); convert it to UTF-8 and run again; nothing was published"),
                scan(TextScan.csv(COLUMNS), latin).encodingProblem("persons.csv"));
    }

    /**
     * Text in Windows-1258, as Vietnamese software writes it: a base letter (with its vowel mark: ă â ê ô ơ ư) and
     * the tone as a combining mark, since the code page has no precomposed toned letters.
     */
    static byte[] windows1258(String text)
    {
        Charset charset = Charset.forName("windows-1258");
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (charset.newEncoder().canEncode(c)) {
                out.append(c);
                continue;
            }
            String decomposed = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
            StringBuilder base = new StringBuilder();
            StringBuilder tone = new StringBuilder();
            for (char part : decomposed.toCharArray()) {
                ("\u0300\u0301\u0303\u0309\u0323".indexOf(part) >= 0 ? tone : base).append(part);
            }
            out.append(java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFC)).append(tone);
        }
        return out.toString().getBytes(charset);
    }
}
