package vn.dancu.datasets.ethnic;

import org.apache.commons.csv.CSVRecord;
import vn.dancu.datasets.ReferenceFiles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The 54 ethnic groups of Việt Nam, 1979 codes (see reference/SOURCES.md for why this list). */
public final class EthnicGroups
{
    /** English names where usage differs from the unaccented Vietnamese name. */
    private static final Map<String, String> ENGLISH = Map.of(
            "06", "Muong", "08", "Hmong", "13", "Bahnar", "14", "Xo Dang (Sedang)", "10", "Jarai",
            "12", "Ede", "27", "Gie Trieng", "01", "Kinh (Viet)");

    private static final EthnicGroups INSTANCE = load();

    private final Map<String, EthnicGroup> byCode;

    private EthnicGroups(Map<String, EthnicGroup> byCode)
    {
        this.byCode = byCode;
    }

    public static EthnicGroups instance()
    {
        return INSTANCE;
    }

    private static EthnicGroups load()
    {
        Map<String, EthnicGroup> groups = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("ethnic_groups.csv")) {
            String code = row.get("code");
            String nameVi = row.get("name_vi");
            String code2008 = row.get("code_gso_2008_qd1019_verified_01_20");
            groups.put(code, new EthnicGroup(code, nameVi, ENGLISH.getOrDefault(code, stripDiacritics(nameVi)),
                    code2008.isBlank() ? null : code2008,
                    Long.parseLong(row.get("pop_2019_census_vietnam")), Long.parseLong(row.get("pop_2019_census_kon_tum"))));
        }
        if (groups.size() != 54) {
            throw new IllegalStateException("expected 54 ethnic groups, found " + groups.size());
        }
        return new EthnicGroups(Map.copyOf(groups));
    }

    public Optional<EthnicGroup> find(String code)
    {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean isKnown(String code)
    {
        return code != null && byCode.containsKey(code);
    }

    /** All groups ordered by code. */
    public List<EthnicGroup> all()
    {
        List<EthnicGroup> all = new ArrayList<>(byCode.values());
        all.sort((a, b) -> a.code().compareTo(b.code()));
        return all;
    }

    public static String stripDiacritics(String text)
    {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replace('Đ', 'D').replace('đ', 'd');
    }
}
