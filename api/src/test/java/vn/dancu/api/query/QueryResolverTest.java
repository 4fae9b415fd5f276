package vn.dancu.api.query;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.error.ApiException;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Resolving a typed request against a cube, alone (over a published fixture, without a server): names, codes,
 * dates and periods checked against the descriptor and the version, each problem a 400 naming the parameter.
 */
class QueryResolverTest
{
    @TempDir
    static Path data;
    private static QueryResolver resolver;

    @BeforeAll
    static void publish() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock")
                .row("2025-06-30", "23482", "M", 30, "14", "PERMANENT", 10)
                .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12);
        CubeFixture births = new CubeFixture("births")
                .row("2026-09-30", "23485", "F", "20-24", 2)
                .row("2026-10-31", "23485", "M", "20-24", 1);
        CubeFixture.publish(data, "v1", "konray", stock, births);
        PublishedCubes cubes = new PublishedCubes(new DataLayout(data.toString()), CubeCatalog.builtIn(), 16L << 20);
        QueryService service = new QueryService(cubes, Area.konray(), new vn.dancu.api.disclosure.DisclosureControl(() -> 3));
        resolver = new QueryResolver(cubes, new QueryDimensions(Area.konray(), new java.util.concurrent.ConcurrentHashMap<>()), service::coverage);
    }

    private static CubeQuery resolve(String cube, String... pairs)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            parameters.computeIfAbsent(pair.substring(0, equals), name -> new java.util.ArrayList<>()).add(pair.substring(equals + 1));
        }
        return resolver.resolve(cube, QueryRequestParser.parse(parameters));
    }

    private static String refused(String cube, String... pairs)
    {
        return assertThrows(ApiException.class, () -> resolve(cube, pairs)).getMessage();
    }

    @Test
    void aLevelNameAmongTheDimensionsAsksForTheUnitAtThatLevel()
    {
        CubeQuery query = resolve("population_stock", "dims=province,sex", "filter=sex:F");
        assertEquals(List.of("unit", "sex"), query.dimensions());
        assertEquals(GeographyDimension.Level.PROVINCE, query.level());
        assertEquals(List.of("population"), query.measures());
        assertEquals(Map.of("sex", Set.of("F")), query.filters());
        assertEquals(List.of(LocalDate.of(2026, 10, 31)), query.refDates());
        assertEquals(null, query.period());
    }

    @Test
    void aFlowCubeWithoutDateOrPeriodSumsTheLatestYearOfData()
    {
        CubeQuery query = resolve("births", "dims=unit");
        assertEquals("2026", query.period().code());
        assertEquals(List.of(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 31)), query.refDates());
        assertEquals(List.of(LocalDate.of(2026, 10, 31)), resolve("births", "period=2026-10/2026-10").refDates());
    }

    @Test
    void namesAndCodesAreCheckedAgainstTheDescriptor()
    {
        assertEquals("invalid parameter 'dims': unknown dimension 'otherUnit' of cube population_stock; allowed: unit, sex, age, ageBand,"
                + " ageBroad, ethnicity, residenceStatus, commune, district, province, area", refused("population_stock", "dims=otherUnit"));
        assertEquals("invalid parameter 'dims': dimension 'sex' is listed twice; allowed: unit, sex, age, ageBand, ageBroad, ethnicity,"
                + " residenceStatus, commune, district, province, area", refused("population_stock", "dims=sex,sex"));
        assertEquals("invalid parameter 'dims': ask for one grouping of age at a time; allowed: age, ageBand, ageBroad",
                refused("population_stock", "dims=ageBand,ageBroad"));
        assertEquals("invalid parameter 'dims': unknown dimension 'ageBand' of cube births; allowed: unit, sex, motherAgeGroup, commune,"
                + " district, province, area", refused("births", "dims=ageBand"));
        assertEquals("invalid parameter 'measures': unknown measure 'births' of cube population_stock; allowed: population",
                refused("population_stock", "measures=births"));
        assertEquals("invalid parameter 'filter': unknown dimension 'flow' of cube population_stock; allowed: unit, sex, age, ageBand, ageBroad,"
                + " ethnicity, residenceStatus", refused("population_stock", "filter=flow:IN"));
        assertEquals("invalid parameter 'filter': unknown code 'X' of dimension sex; allowed: M, F", refused("population_stock", "filter=sex:X"));
    }

    @Test
    void datesAndPeriodsAreCheckedAgainstTheVersion()
    {
        assertEquals("invalid parameter 'date': no data for 2026-09-30; reference dates from 2025-06-30 to 2026-10-31; allowed: 2025-06-30,"
                + " 2026-10-31", refused("population_stock", "date=2026-09-30"));
        assertEquals("invalid parameter 'period': cube population_stock counts a stock at a date; ask for one reference date with date=;"
                + " allowed: 2025-06-30, 2026-10-31", refused("population_stock", "period=2026"));
        assertEquals("invalid parameter 'period': no data for '2024'; the data cover 2025-06-01 to 2026-10-31; allowed: 2025, 2026",
                refused("births", "period=2024"));
        assertEquals("invalid parameter 'level': districts were abolished on 01/07/2025; 2026-10-31 has no district level; allowed: commune,"
                + " province, area", refused("population_stock", "level=district", "geo=asof"));
    }

    @Test
    void anUnknownCubeIs404ListingThePublishedOnes()
    {
        ApiException error = assertThrows(ApiException.class, () -> resolve("nope"));
        assertEquals(404, error.status());
        assertEquals("cube 'nope' not found; available: population_stock, births", error.getMessage());
    }
}
