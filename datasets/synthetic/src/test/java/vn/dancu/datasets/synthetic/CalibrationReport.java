package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Diagnostic (not a test): the calibration table of docs/synthetic-register.md for a generated folder. */
public final class CalibrationReport
{
    public static void main(String[] args) throws Exception
    {
        Path folder = Path.of(args[0]);
        LocalDate start = LocalDate.parse(args[1]);
        LocalDate end = LocalDate.parse(args[2]);
        RegisterAnalysis a = new RegisterAnalysis(RegisterFiles.read(folder, "persons"), RegisterFiles.read(folder, "events"), AdminCatalogue.kontum());
        LocalDate census = LocalDate.of(2019, 4, 1);
        System.out.printf(Locale.ROOT, "persons %d events %d residents end %d%n", a.personRows.size(), a.eventRows.size(), a.residents(end));
        System.out.printf(Locale.ROOT, "residents 2019-04-01 %d, 2022-07-01 %d%n", a.residents(census), a.residents(LocalDate.of(2022, 7, 1)));
        Map<String, Long> communes = new TreeMap<>();
        long total = 0;
        long dtl = 0;
        long dtlXd = 0;
        for (RegisterAnalysis.Person p : a.persons.values()) {
            if (p.residentOn(census)) {
                String c = a.communeOn(p, census, start, end);
                communes.merge(c, 1L, Long::sum);
                total++;
                if (c.equals("23485")) {
                    dtl++;
                    if (p.ethnicity().equals("14")) {
                        dtlXd++;
                    }
                }
            }
        }
        Map<String, Double> census09 = Map.of("23479", 4861.0, "23482", 2233.0, "23485", 2010.0, "23488", 3742.0, "23491", 1620.0, "23494", 4771.0, "23497", 3385.0);
        double ct = census09.values().stream().mapToDouble(Double::doubleValue).sum();
        double maxDiff = 0;
        for (var e : communes.entrySet()) {
            maxDiff = Math.max(maxDiff, Math.abs((double) e.getValue() / total - census09.get(e.getKey()) / ct));
        }
        System.out.printf(Locale.ROOT, "commune shares max diff %.4f%n", maxDiff);
        LocalDate d2020 = LocalDate.of(2020, 12, 31);
        System.out.printf(Locale.ROOT, "minorities 2020-12-31 %.4f; Xơ Đăng in Đắk Tơ Lung %.4f%n",
                (double) a.residents(d2020, p -> !p.ethnicity().equals("01")) / a.residents(d2020), (double) dtlXd / dtl);
        System.out.printf(Locale.ROOT, "CBR %.2f CDR %.2f TFR %.3f (2019-2023)%n", a.crudeRate("BIRTH", 2019, 2023), a.crudeRate("DEATH", 2019, 2023), a.totalFertility(2019, 2023));
        for (int y = start.getYear() + 1; y <= end.getYear(); y++) {
            System.out.printf(Locale.ROOT, "  %d CBR %.1f TFR %.2f%n", y, a.crudeRate("BIRTH", y, y), a.totalFertility(y, y));
        }
        long r = a.residents(census);
        System.out.printf(Locale.ROOT, "under 15 %.4f 65+ %.4f%n", (double) a.residents(census, p -> p.age(census) < 15) / r, (double) a.residents(census, p -> p.age(census) >= 65) / r);
        Map<String, Integer> sizes = new HashMap<>();
        long adults = 0, card = 0, minAdults = 0, minCard = 0, v2 = 0, v1 = 0, minV2 = 0;
        for (RegisterAnalysis.Person p : a.persons.values()) {
            if (p.exit() == null && p.residentOn(end)) {
                String h = p.row().get("household_id");
                if (h != null) sizes.merge(h, 1, Integer::sum);
                if (p.age(end) >= 18) {
                    boolean min = !p.ethnicity().equals("01");
                    adults++;
                    boolean c = p.row().get("chip_card_issue_date") != null;
                    int lv = Integer.parseInt(p.row().get("vneid_level"));
                    if (c) card++;
                    if (lv == 2) v2++;
                    if (lv == 1) v1++;
                    if (min) { minAdults++; if (c) minCard++; if (lv == 2) minV2++; }
                }
            }
        }
        System.out.printf(Locale.ROOT, "mean household %.2f (%d households); adults card %.3f (min %.3f) vneid2 %.3f (min %.3f) vneid1 %.3f%n",
                sizes.values().stream().mapToInt(Integer::intValue).average().orElseThrow(), sizes.size(), (double) card / adults, (double) minCard / minAdults,
                (double) v2 / adults, (double) minV2 / minAdults, (double) v1 / adults);
    }
}
