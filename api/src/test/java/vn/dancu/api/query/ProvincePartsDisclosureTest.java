package vn.dancu.api.query;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.disclosure.ExactAttacker;
import vn.dancu.api.disclosure.LinkedTable;
import vn.dancu.api.disclosure.SuppressionPattern;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block of an area with several 2025 provinces is protected one province at a time (a national cube does not fit
 * one linear system). The checks are made on the whole block's linked table, as if it had been protected in one
 * piece: every small count is withheld, and an intruder who solves exactly over every published cell of every table
 * (area, provinces, districts, communes, both geographies, every combination of dimensions) computes none of them.
 */
class ProvincePartsDisclosureTest
{
    private static final int THRESHOLD = 5;
    private static final List<String> COMMUNES_2025 = List.of("23479", "23485", "23497");
    /** Old communes of Kon Rẫy (before 01/07/2025): Đắk Rve, Đắk Kôi, Đắk Tơ Lung, Đắk Ruồng, Đắk Pne, Đắk Tờ Re, Tân Lập. */
    private static final List<String> COMMUNES_2020 = List.of("23479", "23482", "23485", "23488", "23491", "23494", "23497");

    @TempDir
    static Path data;
    private static PublishedCubes cubes;
    private static QueryService service;
    private static LinkedTableReader reader;

    @BeforeAll
    static void publish() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock");
        CubeFixture identity = new CubeFixture("identity_coverage");
        Random random = new Random(7);
        for (int replica = 1; replica <= 2; replica++) {
            String prefix = AdminCatalogue.replicaPrefix(replica);
            rows(stock, identity, random, "2026-10-31", COMMUNES_2025.stream().map(code -> prefix + code).toList());
            rows(stock, identity, random, "2024-12-31", COMMUNES_2020.stream().map(code -> prefix + code).toList());
        }
        CubeFixture.publish(data, "v1", "national:2", stock, identity);
        cubes = new PublishedCubes(new DataLayout(data.toString()), CubeCatalog.builtIn(), 16L << 20);
        DisclosureControl disclosure = new DisclosureControl(() -> THRESHOLD);
        Area area = Area.parse("national:2");
        service = new QueryService(cubes, area, disclosure);
        reader = new LinkedTableReader(cubes, area, disclosure, new ConcurrentHashMap<>(), service::coverage);
    }

    /** A few residents per commune with many small cells; the identity cube counts the same residents. */
    private static void rows(CubeFixture stock, CubeFixture identity, Random random, String date, List<String> communes)
    {
        for (String commune : communes) {
            for (String sex : List.of("M", "F")) {
                for (int age : List.of(3, 16, 30, 70)) {
                    int draw = random.nextInt(10);
                    long count = draw < 3 ? 0 : draw < 7 ? 1 + random.nextInt(4) : 5 + random.nextInt(20);
                    if (count == 0) {
                        continue;
                    }
                    String ethnicity = random.nextInt(3) == 0 ? "01" : "14";
                    stock.row(date, commune, sex, age, ethnicity, "PERMANENT", count);
                    String group = switch (age) {
                        case 3 -> "0-13";
                        case 16 -> "14-17";
                        case 30 -> "25-39";
                        default -> "60+";
                    };
                    if (age < 14) {
                        identity.row(date, commune, sex, group, "NO", "0", count);
                        continue;
                    }
                    identity.row(date, commune, sex, group, "YES", "2", count - count / 3);
                    if (count / 3 > 0) {
                        identity.row(date, commune, sex, group, "NO", "0", count / 3);
                    }
                }
            }
        }
    }

    private static ProtectionBlock block(String date)
    {
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = cubes.descriptor("population_stock").orElseThrow();
        CubeQuery query = new CubeQuery("population_stock", List.of(), descriptor.measureNames(), Map.of(), List.of(LocalDate.parse(date)), (Integer) null,
                GeographyDimension.Geography.Y2025, GeographyDimension.Level.COMMUNE, "vi");
        return service.protectedCells().block(manifest, descriptor, query);
    }

    @Test
    void aBlockOfTwoProvincesIsReadAsOneTablePerProvince()
    {
        for (String date : List.of("2026-10-31", "2024-12-31")) {
            ProtectionBlock block = block(date);
            List<LinkedTable> parts = new ArrayList<>();
            reader.read(cubes.manifest(), block, parts::add);
            LinkedTable whole = reader.read(cubes.manifest(), block);
            assertEquals(2, parts.size(), date);
            assertEquals(whole.atoms(), parts.stream().mapToInt(LinkedTable::atoms).sum(), "no atom lost or shared, " + date);
            assertEquals(whole.shapes().size(), parts.get(0).shapes().size(), date);
        }
    }

    @Test
    void noSmallCountOfTheWholeBlockCanBeComputedFromWhatTheProvincePartsPublish()
    {
        for (String date : List.of("2026-10-31", "2024-12-31")) {
            ProtectionBlock block = block(date);
            SuppressionPattern pattern = service.protectedCells().pattern(cubes.manifest(), block);
            LinkedTable whole = reader.read(cubes.manifest(), block);
            Set<Integer> unknown = new TreeSet<>();
            List<Integer> small = new ArrayList<>();
            for (int i = 0; i < whole.cells().size(); i++) {
                LinkedTable.Cell cell = whole.cells().get(i);
                // An intruder knows a cell when any table shows it.
                boolean shown = cell.aliases().stream().anyMatch(alias -> !pattern.suppressed(alias.shape(), alias.codes()));
                if (!shown) {
                    unknown.add(i);
                }
                long count = cell.values()[0];
                if (cell.published() && count >= 1 && count < THRESHOLD) {
                    small.add(i);
                    assertTrue(!shown, "small count " + count + " shown at " + cell.aliases() + " on " + date);
                }
            }
            assertTrue(small.size() >= 20, "the block has small counts: " + small.size());
            Set<Integer> computed = ExactAttacker.recover(whole, unknown);
            List<String> exposed = small.stream().filter(computed::contains).map(i -> whole.cells().get(i).aliases() + " = "
                    + whole.cells().get(i).values()[0]).toList();
            assertEquals(List.of(), exposed, "small counts computed from the published cells on " + date);
            // The cost of protecting by parts: against the whole block protected in one piece, at most a third more withheld.
            SuppressionPattern inOnePiece = vn.dancu.api.disclosure.GaussSuppression.protect(whole, cube -> THRESHOLD);
            long byParts = withheldPublished(whole, pattern);
            long whole1 = withheldPublished(whole, inOnePiece);
            System.out.println(date + ": withheld by parts " + byParts + ", in one piece " + whole1 + " of "
                    + whole.cells().stream().filter(LinkedTable.Cell::published).count() + " published cells");
            assertTrue(byParts <= whole1 * 4 / 3, "withheld by parts " + byParts + ", in one piece " + whole1);
        }
    }

    private static long withheldPublished(LinkedTable table, SuppressionPattern pattern)
    {
        return table.cells().stream().filter(LinkedTable.Cell::published)
                .filter(cell -> cell.aliases().stream().allMatch(alias -> pattern.suppressed(alias.shape(), alias.codes()))).count();
    }

    @Test
    void aCellOfBothProvincesIsWithheldExactlyWhenOneProvinceWithholdsItsShare()
    {
        ProtectionBlock block = block("2026-10-31");
        SuppressionPattern pattern = service.protectedCells().pattern(cubes.manifest(), block);
        List<SuppressionPattern> partPatterns = new ArrayList<>();
        List<LinkedTable> parts = new ArrayList<>();
        reader.read(cubes.manifest(), block, part -> {
            parts.add(part);
            partPatterns.add(vn.dancu.api.disclosure.GaussSuppression.protect(part, cube -> THRESHOLD));
        });
        LinkedTable whole = reader.read(cubes.manifest(), block);
        int spanning = 0;
        int withheldByOneShare = 0;
        long largest = 0;
        LinkedTable.Alias areaTotal = null;
        for (LinkedTable.Cell cell : whole.cells()) {
            if (!cell.published()) {
                continue;
            }
            LinkedTable.Alias alias = cell.aliases().get(0);
            boolean inBoth = parts.stream().allMatch(part -> part.cells().stream().anyMatch(share -> share.aliases().contains(alias)));
            if (!inBoth) {
                continue;
            }
            spanning++;
            boolean anyShareWithheld = partPatterns.stream().anyMatch(part -> part.suppressed(alias.shape(), alias.codes()));
            boolean allSharesWithheld = partPatterns.stream().allMatch(part -> part.suppressed(alias.shape(), alias.codes()));
            assertEquals(anyShareWithheld, pattern.suppressed(alias.shape(), alias.codes()), "cell " + cell.aliases() + " = " + cell.values()[0]);
            withheldByOneShare += anyShareWithheld && !allSharesWithheld ? 1 : 0;
            if (cell.values()[0] > largest) {
                largest = cell.values()[0];
                areaTotal = alias;
            }
        }
        assertTrue(spanning > 10, "cells of both provinces: " + spanning);
        assertTrue(withheldByOneShare > 0, "some area cell is withheld for one province's share only");
        assertTrue(!pattern.suppressed(areaTotal.shape(), areaTotal.codes()), "the area total (" + largest + ") is published");
    }

    @Test
    void anAnonymousAnswerByProvinceAndSexShowsWhatThePatternPublishesAndTheExactSums()
    {
        Map<String, List<String>> parameters = Map.of("dims", List.of("unit,sex"), "level", List.of("province"), "date", List.of("2026-10-31"));
        CubeTable anonymous = service.table(vn.dancu.api.access.Caller.anonymous(), service.parse("population_stock", parameters));
        CubeTable exact = service.table(new vn.dancu.api.access.Caller("statistician", vn.dancu.api.access.Role.STATISTICIAN, Set.of(), "token"),
                service.parse("population_stock", parameters));
        List<String> provinces = anonymous.rows().stream().map(row -> row.codes().get(0)).distinct().toList();
        assertEquals(List.of("51", "R2.51"), provinces);
        assertEquals(exact.rows().size(), anonymous.rows().size());
        for (int i = 0; i < exact.rows().size(); i++) {
            CubeTable.Row shown = anonymous.rows().get(i);
            assertEquals(exact.rows().get(i).codes(), shown.codes());
            if (!shown.suppressed()) {
                assertEquals(exact.rows().get(i).value(0), shown.value(0), "published value of " + shown.codes());
                assertTrue(shown.value(0) >= THRESHOLD, "published " + shown.value(0) + " at " + shown.codes());
            }
        }
    }

    @Test
    void everyRoleGetsAnAnswerOfTheTwoProvinceAreaOverHttp()
    {
        try (vn.dancu.api.TestServer server = vn.dancu.api.TestServer.start(data, Area.parse("national:2"), "population_stock", "identity_coverage")) {
            List<String> questions = List.of(
                    "/api/v1/cubes/population_stock/query?dims=unit,sex&level=province&date=2026-10-31",
                    "/api/v1/cubes/population_stock/query?dims=unit,ageBand&date=2024-12-31&geo=asof&level=district",
                    "/api/v1/cubes/population_stock/query?dims=sex,ageBroad&date=2026-10-31",
                    "/api/v1/cubes/identity_coverage/query?dims=unit,chipCard&date=2026-10-31");
            List<String> answers = new ArrayList<>();
            for (String question : questions) {
                answers.add(server.get(question).statusCode() + " anonymous");
                for (vn.dancu.api.access.Role role : List.of(vn.dancu.api.access.Role.LEADER, vn.dancu.api.access.Role.PLANNER,
                        vn.dancu.api.access.Role.STATISTICIAN)) {
                    answers.add(server.get(question, role).statusCode() + " " + role.code());
                }
                String commune = "Bearer " + server.scopedToken(vn.dancu.api.access.Role.LEADER, Set.of("R2.23485"));
                answers.add(server.get(question, "Authorization", commune).statusCode() + " commune");
            }
            // Every role is answered or refused by the access rules, never with a server error: the one-commune account
            // must ask with level=commune; districts before 01/07/2025 are published on the units of 2025 to controlled roles.
            assertEquals(List.of(
                    "200 anonymous", "200 leader", "200 planner", "200 statistician", "403 commune",
                    "403 anonymous", "403 leader", "403 planner", "200 statistician", "403 commune",
                    "200 anonymous", "200 leader", "200 planner", "200 statistician", "200 commune",
                    "200 anonymous", "200 leader", "200 planner", "200 statistician", "200 commune"), answers);
        }
    }
}
