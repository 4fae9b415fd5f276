package vn.dancu.api.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SDMX-CSV 2.0: columns {@code STRUCTURE} ({@code dataflow}), {@code STRUCTURE_ID} ({@code DANCU:<ID>(1.0)}),
 * {@code ACTION} ({@code I}, information), one column per dimension (SDMX concept ids such as {@code REF_AREA},
 * {@code SEX}, {@code AGE}), {@code MEASURE} when the table has several, {@code TIME_PERIOD}, {@code OBS_VALUE},
 * {@code UNIT_MEASURE} and {@code CONF_STATUS} ({@code F} free, {@code C} confidential: withheld, empty value).
 * UTF-8 without byte-order mark, comma-separated, RFC 4180 quoting. A time column of the table ({@link Exports#TIME})
 * is not a dimension column: the table's period goes to {@code TIME_PERIOD} ({@code 2026}, {@code 2026-Q3}, or an
 * ISO 8601 range {@code 2026-01-01/P11M} for a partial period).
 */
public final class SdmxCsvExport
{
    public static final String AGENCY = "DANCU";
    /**
     * The SDMX id of a time column whose codes are SDMX periods (a table of several periods): written per row into
     * {@code TIME_PERIOD} instead of the table's one period.
     */
    public static final String TIME_PERIOD = "TIME_PERIOD";

    private SdmxCsvExport() {}

    public static byte[] write(ExportTable table)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String structureId = AGENCY + ":" + table.id().toUpperCase(Locale.ROOT) + "(1.0)";
        boolean measureColumn = table.measures().size() > 1;
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>(List.of("STRUCTURE", "STRUCTURE_ID", "ACTION"));
            List<Integer> columns = new ArrayList<>();
            int timeColumn = -1;
            for (int d = 0; d < table.dimensions().size(); d++) {
                if (TIME_PERIOD.equals(table.dimensions().get(d).sdmxId())) {
                    timeColumn = d;
                }
                else if (!Exports.TIME.equals(table.dimensions().get(d).sdmxId())) {
                    columns.add(d);
                    header.add(table.dimensions().get(d).sdmxId());
                }
            }
            if (measureColumn) {
                header.add("MEASURE");
            }
            header.addAll(List.of("TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "CONF_STATUS"));
            printer.printRecord(header);
            for (ExportTable.Row row : table.rows()) {
                for (int m = 0; m < table.measures().size(); m++) {
                    ExportTable.Measure measure = table.measures().get(m);
                    List<String> record = new ArrayList<>(List.of("dataflow", structureId, "I"));
                    columns.forEach(d -> record.add(row.codes().get(d)));
                    if (measureColumn) {
                        record.add(measure.name());
                    }
                    record.add(timeColumn >= 0 ? row.codes().get(timeColumn) : table.timePeriod());
                    boolean withheld = row.suppressed().get(m) || row.values().get(m) == null;
                    record.add(withheld ? "" : Numbers.plain(row.values().get(m), measure.decimals()));
                    record.add(measure.unit());
                    record.add(withheld ? "C" : "F");
                    printer.printRecord(record);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
