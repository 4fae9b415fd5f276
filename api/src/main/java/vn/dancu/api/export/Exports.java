package vn.dancu.api.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.dancu.api.query.CubeTable;
import vn.dancu.api.query.QueryDimension;
import vn.dancu.api.query.QueryPeriod;
import vn.dancu.api.query.QueryResult;
import vn.dancu.model.cube.CubeDescriptor;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns answers into downloadable files. */
public final class Exports
{
    private static final Map<String, String> SDMX_IDS = Map.of(
            "unit", "REF_AREA", "otherUnit", "COUNTERPART_AREA", "sex", "SEX", "age", "AGE", "ageBand", "AGE", "ageBroad", "AGE",
            "ageGroup", "AGE", "motherAgeGroup", "MOTHER_AGE");

    private Exports() {}

    public static byte[] write(ExportFormat format, ExportTable table, ObjectMapper json)
    {
        return switch (format) {
            case CSV -> CsvExport.write(table);
            case XLSX -> XlsxExport.write(table);
            case JSON_STAT -> JsonStatExport.write(table, json);
            case SDMX_CSV -> SdmxCsvExport.write(table);
        };
    }

    /** A cube answer as an export table (values already withheld where disclosure control says so). */
    public static ExportTable of(CubeTable table, QueryResult result)
    {
        CubeDescriptor descriptor = table.descriptor();
        String language = table.query().language();
        boolean english = "en".equals(language);
        List<ExportTable.Dimension> dimensions = new ArrayList<>();
        QueryPeriod period = table.query().period();
        if (period != null) {
            // Flows summed over a period: the period is a column of the file, labelled with the months a partial one covers.
            dimensions.add(new ExportTable.Dimension("time", english ? "Period" : "Kỳ", TIME));
        }
        for (QueryDimension dimension : table.dimensions()) {
            dimensions.add(new ExportTable.Dimension(dimension.name(), dimension.title(language), sdmxId(dimension.name())));
        }
        List<ExportTable.Measure> measures = new ArrayList<>();
        for (String name : table.query().measures()) {
            var spec = descriptor.measure(name).orElseThrow();
            measures.add(new ExportTable.Measure(name, spec.title().in(language), spec.unit().in(language), 0));
        }
        List<ExportTable.Row> rows = new ArrayList<>();
        for (CubeTable.Row row : table.rows()) {
            List<String> codes = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            if (period != null) {
                codes.add(period.code());
                labels.add(periodLabel(period, language));
            }
            codes.addAll(row.codes());
            for (int d = 0; d < table.dimensions().size(); d++) {
                labels.add(table.dimensions().get(d).label(row.codes().get(d), language));
            }
            List<Double> values = new ArrayList<>();
            List<Boolean> suppressed = new ArrayList<>();
            for (int m = 0; m < measures.size(); m++) {
                values.add(row.suppressed() ? null : (double) row.value(m));
                suppressed.add(row.suppressed());
            }
            rows.add(new ExportTable.Row(codes, labels, values, suppressed));
        }
        String reference;
        String timePeriod;
        List<String> notes = new ArrayList<>();
        if (period != null) {
            reference = periodLabel(period, language) + " (" + format(period.from(), english) + " – " + format(period.to(), english) + ")";
            timePeriod = period.sdmxTimePeriod();
            if (period.partial()) {
                notes.add(partialNote(period, language));
            }
        }
        else {
            reference = format(result.refDate(), english);
            timePeriod = result.refDate().toString();
        }
        notes.add(table.disclosure().rule());
        notes.add((english ? "Geography: " : "Địa giới: ") + (result.geography().equals("2025")
                ? (english ? "units of 1 July 2025" : "đơn vị hành chính từ 01/07/2025")
                : (english ? "units in force on the reference date" : "đơn vị hành chính tại thời điểm thống kê")));
        return new ExportTable(descriptor.name(), result.title(), reference, timePeriod, result.source().text(), result.version(), language,
                dimensions, measures, rows, notes, period != null && period.partial() ? Map.of(period.code(), period.label(language)) : Map.of());
    }

    /** The SDMX concept of a time column: written as TIME_PERIOD, not as a dimension column. */
    public static final String TIME = "TIME";

    /**
     * A period as a table's time label: {@code năm 2025}, {@code quý 2026-Q3}, and for a period the data cover only in
     * part the months they cover: {@code năm 2026 (T1–T11/2026, chưa đủ năm)}, {@code year 2026 (Jan–Nov 2026, not a whole year)}.
     */
    public static String periodLabel(QueryPeriod period, String language)
    {
        boolean english = "en".equals(language);
        String name = switch (period.kind()) {
            case YEAR -> (english ? "year " : "năm ") + period.year();
            case HALF -> (english ? "half-year " : "nửa năm ") + period.code();
            case QUARTER -> (english ? "quarter " : "quý ") + period.code();
            case MONTH -> (english ? "month " : "tháng ") + QueryPeriod.label(period.first().atDay(1), period.last().atEndOfMonth(), language);
            case MONTHS -> QueryPeriod.label(period.first().atDay(1), period.last().atEndOfMonth(), language);
        };
        if (!period.partial()) {
            return name;
        }
        String whole = switch (period.kind()) {
            case YEAR -> english ? "not a whole year" : "chưa đủ năm";
            case HALF -> english ? "not a whole half-year" : "chưa đủ nửa năm";
            case QUARTER -> english ? "not a whole quarter" : "chưa đủ quý";
            case MONTH -> english ? "not a whole month" : "chưa đủ tháng";
            case MONTHS -> english ? "not every month asked" : "chưa đủ các tháng";
        };
        return name + " (" + period.label(language) + ", " + whole + ")";
    }

    /** The note under a table of a partial period: which days it holds, and that it is not to be read as the whole period. */
    public static String partialNote(QueryPeriod period, String language)
    {
        return "en".equals(language)
                ? "Partial period: the data cover " + period.label(language) + " only (" + format(period.from(), true) + " – " + format(period.to(), true)
                        + "); do not compare these counts with whole periods."
                : "Kỳ chưa trọn: số liệu chỉ gồm " + period.label(language) + " (" + format(period.from(), false) + " – " + format(period.to(), false)
                        + "); không so sánh các số đếm này với các kỳ trọn vẹn.";
    }

    public static String sdmxId(String dimension)
    {
        String known = SDMX_IDS.get(dimension);
        if (known != null) {
            return known;
        }
        return dimension.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static String format(java.time.LocalDate date, boolean english)
    {
        return date.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    public static String fileName(String id, java.time.LocalDate refDate, ExportFormat format)
    {
        String base = id.replaceAll("[^A-Za-z0-9_-]", "_") + "_" + refDate;
        return base + (format == ExportFormat.JSON_STAT ? ".jsonstat.json" : format == ExportFormat.SDMX_CSV ? ".sdmx.csv" : "." + format.extension());
    }
}
