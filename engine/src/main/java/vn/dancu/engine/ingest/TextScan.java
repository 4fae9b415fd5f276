package vn.dancu.engine.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One pass over the bytes of a text input file (CSV or JSON Lines), fed in chunks: its SHA-256, its physical lines
 * (LF, CRLF and a lone CR end a line, as Hadoop's line reader reads them), its first line, what its bytes say about
 * the encoding, and for CSV where its records are.
 *
 * <p><b>Records of a CSV file.</b> RFC 4180 lets a quoted field hold a line break, so a record may span several
 * physical lines. The scan follows the quoting of each line (a {@code "} opens a quoted field only at the start of a
 * field; {@code ""} inside one is a quote) and joins the lines of a record whose quoted field continues on the next
 * line, provided the field closes within {@value #MAX_LINES_PER_RECORD} lines and the joined record has exactly the
 * declared number of fields. Otherwise the line with the unclosed quote is one malformed record on its own, and the
 * lines after it are read afresh: a stray quote never swallows the records that follow. A line that, without its
 * quotes and spaces, is the header row again is a repeated header (files joined without removing their headers).
 *
 * <p><b>Encoding.</b> Each line is checked for valid UTF-8, and NUL bytes are counted: {@link #encodingProblem}
 * tells a file in UTF-16 or in an 8-bit code page (Windows-1258, the Vietnamese one, is recognised by its letters)
 * from a UTF-8 file with a few bad lines, which are quarantined one by one.
 */
final class TextScan
{
    /** The physical lines a CSV record may span at most (a quoted field holding line breaks). */
    static final int MAX_LINES_PER_RECORD = 10;
    /** Removed from a line before comparing it with the header: quotes, white space, a byte-order mark. */
    static final String HEADER_NOISE = "[\"\\s\\x{FEFF}]";
    private static final Pattern NOISE = Pattern.compile(HEADER_NOISE);
    private static final int FIRST_LINE_LIMIT = 1 << 16;
    private static final int SAMPLE_LIMIT = 1 << 16;
    private static final Charset WINDOWS_1258 = Charset.forName("windows-1258");

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_SEEN = 3;

    private final boolean csv;
    private final int columns;
    private final String normalizedHeader;
    private final int headerLimit;
    private final MessageDigest digest;

    private long bytes;
    private long terminators;
    private boolean previousWasCarriageReturn;
    private int last = -1;
    private long lineNumber = 1;
    private final ByteArrayOutputStream firstLine = new ByteArrayOutputStream();

    // encoding
    private long nulBytes;
    private long nulBytesAtOddOffsets;
    private int utf8Pending;
    private int utf8Lead;
    private boolean utf8FirstContinuation;
    private boolean lineNonAscii;
    private boolean lineInvalid;
    private long nonAsciiLines;
    private long invalidLines;
    private final ByteArrayOutputStream invalidSample = new ByteArrayOutputStream();
    /** The start of the current line (for the header comparison and the sample of invalid lines); plain array, no locking per byte. */
    private final byte[] lineStart;
    private int lineLength;
    private boolean lineOverflow;

    // CSV quoting, followed from both states a line can start in: a new record, or inside a quoted field
    private int stateFromStart = FIELD_START;
    private int commasFromStart;
    private int stateFromQuoted = QUOTED;
    private int commasFromQuoted;
    private final List<LineSummary> pending = new ArrayList<>();
    private long pendingCommas;
    private long records;
    private long repeatedHeaders;
    private final List<Long> repeatedHeaderLines = new ArrayList<>();
    private final List<InputFacts.LineRange> multiLineRecords = new ArrayList<>();
    private boolean finished;

    private record LineSummary(long number, boolean openFromStart, int commasFromStart, boolean openFromQuoted, int commasFromQuoted,
            boolean headerAgain) {}

    private TextScan(boolean csv, List<String> columnNames)
    {
        this.csv = csv;
        this.columns = columnNames.size();
        this.normalizedHeader = String.join(",", columnNames);
        this.headerLimit = 2 * normalizedHeader.length() + 64;
        this.lineStart = new byte[Math.max(headerLimit, SAMPLE_LIMIT / 64)];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scan of a CSV file with a header row of {@code columnNames}. */
    static TextScan csv(List<String> columnNames)
    {
        return new TextScan(true, List.copyOf(columnNames));
    }

    /** A scan of a JSON Lines file (one record per line). */
    static TextScan jsonLines()
    {
        return new TextScan(false, List.of());
    }

    void update(byte[] buffer, int length)
    {
        if (finished) {
            throw new IllegalStateException("the scan is finished");
        }
        digest.update(buffer, 0, length);
        for (int i = 0; i < length; i++) {
            int b = buffer[i] & 0xFF;
            if (b == '\n') {
                if (!previousWasCarriageReturn) {
                    endLine();
                }
                previousWasCarriageReturn = false;
            }
            else if (b == '\r') {
                endLine();
                previousWasCarriageReturn = true;
            }
            else {
                previousWasCarriageReturn = false;
                content(b, bytes + i);
            }
            last = b;
        }
        bytes += length;
    }

    /** Ends the scan (a last line without a line end counts as a line) and returns what it found. */
    Result finish()
    {
        if (!finished) {
            if (bytes > 0 && last != '\n' && last != '\r') {
                endLine();
            }
            while (!pending.isEmpty()) {
                abandonPending();
            }
            finished = true;
        }
        return new Result(csv, bytes, HexFormat.of().formatHex(digest.digest()), terminators, firstLine.toByteArray(), nulBytes, nulBytesAtOddOffsets, nonAsciiLines, invalidLines, invalidSample.toByteArray(),
                records, repeatedHeaders, List.copyOf(repeatedHeaderLines), List.copyOf(multiLineRecords));
    }

    private void content(int b, long offset)
    {
        if (lineNumber == 1 && firstLine.size() < FIRST_LINE_LIMIT) {
            firstLine.write(b);
        }
        if (b == 0) {
            nulBytes++;
            if ((offset & 1) == 1) {
                nulBytesAtOddOffsets++;
            }
        }
        utf8(b);
        if (lineLength < lineStart.length) {
            lineStart[lineLength++] = (byte) b;
        }
        else {
            lineOverflow = true;
        }
        if (csv && lineNumber > 1) {
            stateFromStart = next(stateFromStart, b, true);
            stateFromQuoted = next(stateFromQuoted, b, false);
        }
    }

    /** The next quoting state after byte {@code b}; counts the field separators of the line. */
    private int next(int state, int b, boolean fromStart)
    {
        boolean comma = false;
        int next = switch (state) {
            case FIELD_START -> {
                if (b == '"') {
                    yield QUOTED;
                }
                comma = b == ',';
                yield comma ? FIELD_START : UNQUOTED;
            }
            case UNQUOTED -> {
                comma = b == ',';
                yield comma ? FIELD_START : UNQUOTED;
            }
            case QUOTED -> b == '"' ? QUOTE_SEEN : QUOTED;
            default -> {
                if (b == '"') {
                    yield QUOTED;
                }
                comma = b == ',';
                yield comma ? FIELD_START : UNQUOTED;
            }
        };
        if (comma) {
            if (fromStart) {
                commasFromStart++;
            }
            else {
                commasFromQuoted++;
            }
        }
        return next;
    }

    private void utf8(int b)
    {
        if (b >= 0x80) {
            lineNonAscii = true;
        }
        if (utf8Pending > 0) {
            if ((b & 0xC0) == 0x80 && (!utf8FirstContinuation || secondByteAllowed(utf8Lead, b))) {
                utf8Pending--;
                utf8FirstContinuation = false;
                return;
            }
            lineInvalid = true;
            utf8Pending = 0;
        }
        if (b < 0x80) {
            return;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            utf8Pending = 1;
        }
        else if (b >= 0xE0 && b <= 0xEF) {
            utf8Pending = 2;
        }
        else if (b >= 0xF0 && b <= 0xF4) {
            utf8Pending = 3;
        }
        else {
            lineInvalid = true;
            return;
        }
        utf8Lead = b;
        utf8FirstContinuation = true;
    }

    /** RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private static boolean secondByteAllowed(int lead, int second)
    {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0;
            case 0xED -> second <= 0x9F;
            case 0xF0 -> second >= 0x90;
            case 0xF4 -> second <= 0x8F;
            default -> true;
        };
    }

    private void endLine()
    {
        terminators++;
        if (utf8Pending > 0) {
            lineInvalid = true;
            utf8Pending = 0;
        }
        if (lineNonAscii) {
            nonAsciiLines++;
        }
        if (lineInvalid) {
            invalidLines++;
            if (invalidSample.size() < SAMPLE_LIMIT) {
                invalidSample.write(lineStart, 0, lineLength);
                invalidSample.write('\n');
            }
        }
        if (!csv) {
            records++;
        }
        else if (lineNumber > 1) {
            boolean headerAgain = !lineOverflow && lineLength <= headerLimit && startsLikeHeader()
                    && NOISE.matcher(new String(lineStart, 0, lineLength, StandardCharsets.UTF_8)).replaceAll("").equals(normalizedHeader);
            accept(new LineSummary(lineNumber, stateFromStart == QUOTED, commasFromStart, stateFromQuoted == QUOTED, commasFromQuoted,
                    headerAgain));
        }
        lineNumber++;
        lineNonAscii = false;
        lineInvalid = false;
        lineLength = 0;
        lineOverflow = false;
        stateFromStart = FIELD_START;
        commasFromStart = 0;
        stateFromQuoted = QUOTED;
        commasFromQuoted = 0;
    }

    /** A cheap first look: the line's first character, past quotes, spaces and a byte-order mark, is the header's. */
    private boolean startsLikeHeader()
    {
        for (int i = 0; i < lineLength; i++) {
            int b = lineStart[i] & 0xFF;
            if (b != '"' && b != ' ' && b != '\t' && b != 0xEF && b != 0xBB && b != 0xBF) {
                return !normalizedHeader.isEmpty() && b == normalizedHeader.charAt(0);
            }
        }
        return false;
    }

    private void accept(LineSummary line)
    {
        if (pending.isEmpty()) {
            if (!line.openFromStart()) {
                single(line);
                return;
            }
            pending.add(line);
            pendingCommas = line.commasFromStart();
            return;
        }
        pending.add(line);
        pendingCommas += line.commasFromQuoted();
        if (line.openFromQuoted()) {
            if (pending.size() >= MAX_LINES_PER_RECORD) {
                abandonPending();
            }
            return;
        }
        if (pendingCommas + 1 == columns) {
            records++;
            multiLineRecords.add(new InputFacts.LineRange(pending.get(0).number(), line.number()));
            pending.clear();
            return;
        }
        abandonPending();
    }

    /** The first pending line is a malformed record on its own; the lines after it are read again as new records. */
    private void abandonPending()
    {
        List<LineSummary> lines = List.copyOf(pending);
        pending.clear();
        single(lines.get(0));
        for (LineSummary line : lines.subList(1, lines.size())) {
            accept(line);
        }
    }

    private void single(LineSummary line)
    {
        records++;
        if (line.headerAgain()) {
            repeatedHeaders++;
            if (repeatedHeaderLines.size() < 10) {
                repeatedHeaderLines.add(line.number());
            }
        }
    }

    /**
     * What the scan found.
     *
     * @param csv                whether the file is CSV (its first line is the header row)
     * @param lines              physical lines
     * @param records            records: physical lines for JSON Lines; for CSV, the records after the header row
     *                           (a multi-line record counts once, a repeated header row counts as a record)
     * @param repeatedHeaderLines the line numbers of the first ten repeated header rows
     * @param multiLineRecords   the CSV records that span several physical lines
     */
    record Result(boolean csv, long bytes, String sha256, long lines, byte[] firstLine, long nulBytes, long nulBytesAtOddOffsets, long nonAsciiLines,
            long invalidUtf8Lines, byte[] invalidSample, long records, long repeatedHeaders, List<Long> repeatedHeaderLines,
            List<InputFacts.LineRange> multiLineRecords)
    {
        Result
        {
            requireNonNull(sha256, "sha256 is null");
            repeatedHeaderLines = List.copyOf(repeatedHeaderLines);
            multiLineRecords = List.copyOf(multiLineRecords);
        }

        /**
         * Why the whole file cannot be read as UTF-8, naming the encoding it is in, or empty when it is UTF-8 (bad
         * lines of an otherwise UTF-8 file are quarantined one by one, not counted here).
         */
        Optional<String> encodingProblem(String file)
        {
            String utf16 = utf16(file);
            if (utf16 != null) {
                return Optional.of(utf16);
            }
            long dataLines = Math.max(1, csv ? lines - 1 : lines);
            boolean mostlyInvalid = invalidUtf8Lines > 0 && 2 * invalidUtf8Lines > nonAsciiLines
                    && (invalidUtf8Lines >= 3 || invalidUtf8Lines >= dataLines);
            if (!mostlyInvalid) {
                return Optional.empty();
            }
            String share = String.format(Locale.ROOT, "%,d of its %,d lines with non-ASCII characters are not valid UTF-8", invalidUtf8Lines,
                    nonAsciiLines);
            if (readsAsVietnamese(invalidSample, WINDOWS_1258)) {
                return Optional.of(file + " is not UTF-8 but Windows-1258 (the Vietnamese Windows code page): " + share
                        + "; convert it (iconv -f WINDOWS-1258 -t UTF-8 " + baseName(file) + ") and run again; nothing was published");
            }
            return Optional.of(file + " is not UTF-8: " + share + ", and it does not read as Windows-1258 either (TCVN3 or VNI?);"
                    + " convert it to UTF-8 and run again; nothing was published");
        }

        private String utf16(String file)
        {
            int b0 = firstLine.length > 0 ? firstLine[0] & 0xFF : -1;
            int b1 = firstLine.length > 1 ? firstLine[1] & 0xFF : -1;
            String endian = null;
            String mark = "";
            if (b0 == 0xFF && b1 == 0xFE) {
                endian = "little-endian";
                mark = ", with a byte-order mark";
            }
            else if (b0 == 0xFE && b1 == 0xFF) {
                endian = "big-endian";
                mark = ", with a byte-order mark";
            }
            else if (bytes >= 4 && 4 * nulBytes >= bytes) {
                endian = 2 * nulBytesAtOddOffsets >= nulBytes ? "little-endian" : "big-endian";
            }
            if (endian == null) {
                return null;
            }
            String iconv = endian.startsWith("little") ? "UTF-16LE" : "UTF-16BE";
            return file + " is UTF-16 (" + endian + mark + "), not UTF-8: convert it (iconv -f " + (mark.isEmpty() ? iconv : "UTF-16")
                    + " -t UTF-8 " + baseName(file) + ") and run again; nothing was published";
        }

        private static String baseName(String file)
        {
            return file.substring(file.lastIndexOf('/') + 1);
        }

        /** Whether the bytes, decoded with {@code charset}, hold Vietnamese letters (ă â đ ê ô ơ ư or a letter with a tone). */
        private static boolean readsAsVietnamese(byte[] sample, Charset charset)
        {
            String text = Normalizer.normalize(new String(sample, charset), Normalizer.Form.NFC);
            long letters = text.codePoints().filter(Result::vietnameseLetter).count();
            long lines = Math.max(1, text.chars().filter(c -> c == '\n').count());
            return letters >= lines;
        }

        private static boolean vietnameseLetter(int c)
        {
            return (c >= 0x1EA0 && c <= 0x1EF9) || "ăâđêôơưĂÂĐÊÔƠƯ".indexOf(c) >= 0;
        }
    }
}
