package vn.dancu.api.query;

import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The last stage of a cube question: a protected {@link CubeTable} presented as the answer JSON writes: rows with
 * codes, labels in the asked language, values and the status of each value (a withheld value is null and
 * {@code suppressed}), the columns' titles, the period, the disclosure rule and the source.
 */
public final class ResultPresenter
{
    private ResultPresenter() {}

    public static QueryResult present(CubeTable table)
    {
        CubeQuery query = table.query();
        String language = query.language();
        CubeDescriptor descriptor = table.descriptor();
        CubeManifest manifest = table.manifest();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CubeTable.Row row : table.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int d = 0; d < table.dimensions().size(); d++) {
                QueryDimension dimension = table.dimensions().get(d);
                out.put(dimension.name(), row.codes().get(d));
                out.put(dimension.name() + "Label", dimension.label(row.codes().get(d), language));
            }
            Map<String, String> status = new LinkedHashMap<>();
            for (int m = 0; m < query.measures().size(); m++) {
                out.put(query.measures().get(m), row.suppressed() ? null : row.value(m));
                status.put(query.measures().get(m), row.suppressed() ? "suppressed" : "ok");
            }
            out.put("status", status);
            rows.add(out);
        }
        List<QueryResult.Column> columns = new ArrayList<>();
        for (QueryDimension dimension : table.dimensions()) {
            columns.add(new QueryResult.Column(dimension.name(), dimension.title(language), "dimension"));
        }
        for (String measure : query.measures()) {
            columns.add(new QueryResult.Column(measure, descriptor.measure(measure).orElseThrow().title().in(language), "measure"));
        }
        QueryResult.Period period = null;
        if (query.period() != null) {
            QueryPeriod asked = query.period();
            period = new QueryResult.Period(asked.year(), asked.from(), asked.to(), query.refDates().size(), asked.code(), asked.kind().code(),
                    asked.partial(), asked.monthsCovered(), asked.label(language));
        }
        return new QueryResult(descriptor.name(), descriptor.title().in(language), manifest.versionId(), query.refDate(), period,
                query.geography().code(), query.level().code(), String.join(",", new LinkedHashSet<>(table.cuboids())), columns, rows,
                new QueryResult.Disclosure(table.disclosure().threshold(), table.disclosure().measure(), table.disclosure().suppressedRows(),
                        table.disclosure().rule()),
                source(descriptor, manifest, language));
    }

    /** Where the figures come from: the cube, the version and the register extract, in the asked language. */
    public static QueryResult.Source source(CubeDescriptor descriptor, CubeManifest manifest, String language)
    {
        String sourceText = "en".equals(language)
                ? "dancu, cube " + descriptor.name() + ", version " + manifest.versionId() + ", population register extract of " + manifest.extractDate()
                : "dancu, khối " + descriptor.name() + ", phiên bản " + manifest.versionId() + ", trích xuất CSDL dân cư ngày "
                        + manifest.extractDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        return new QueryResult.Source(sourceText, manifest.versionId(), manifest.snapshotId(), manifest.extractDate(), manifest.area());
    }
}
