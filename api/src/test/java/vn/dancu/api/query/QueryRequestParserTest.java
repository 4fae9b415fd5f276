package vn.dancu.api.query;

import io.javalin.validation.ValidationException;
import org.junit.jupiter.api.Test;
import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The edge of a cube question, alone: parameters into typed values, every problem a 400 naming the parameter. */
class QueryRequestParserTest
{
    private static Map<String, List<String>> parameters(String... pairs)
    {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            map.computeIfAbsent(pair.substring(0, equals), name -> new java.util.ArrayList<>()).add(pair.substring(equals + 1));
        }
        return map;
    }

    private static String refused(String... pairs)
    {
        ApiException error = assertThrows(ApiException.class, () -> QueryRequestParser.parse(parameters(pairs)));
        assertEquals(400, error.status());
        assertEquals("bad-parameter", error.type());
        return error.getMessage();
    }

    @Test
    void noParametersGiveTheDefaults()
    {
        QueryRequest request = QueryRequestParser.parse(Map.of());
        assertEquals(new QueryRequest(List.of(), List.of(), List.of(), GeographyDimension.Geography.Y2025, Optional.empty(), Optional.empty(),
                Optional.empty(), "vi"), request);
    }

    @Test
    void readsEveryParameterIntoItsType()
    {
        QueryRequest request = QueryRequestParser.parse(parameters("dims=district,sex", "dims=ageBand", "measures=population",
                "filter=sex:F,M", "filter=ageBand:0-4", "geo=asof", "level=province", "date=2025-06-30", "lang=en"));
        assertEquals(List.of("district", "sex", "ageBand"), request.dimensions());
        assertEquals(List.of("population"), request.measures());
        assertEquals(List.of(new QueryRequest.Filter("sex", Set.of("F", "M")), new QueryRequest.Filter("ageBand", Set.of("0-4"))), request.filters());
        assertEquals(List.of("F", "M"), List.copyOf(request.filters().get(0).codes()));
        assertEquals(GeographyDimension.Geography.ASOF, request.geography());
        assertEquals(Optional.of(GeographyDimension.Level.PROVINCE), request.level());
        assertEquals(Optional.of(DateExpression.of(LocalDate.of(2025, 6, 30))), request.date());
        assertEquals("en", request.language());

        QueryPeriod quarter = QueryRequestParser.parse(parameters("period=2026-Q3")).period().orElseThrow().fixed().orElseThrow();
        assertEquals(QueryPeriod.Kind.QUARTER, quarter.kind());
        assertEquals(LocalDate.of(2026, 7, 1), quarter.from());
        assertEquals(LocalDate.of(2026, 9, 30), quarter.to());
    }

    @Test
    void aValueOutsideItsListNamesTheParameterAndTheAllowedValues()
    {
        assertEquals("invalid parameter 'lang': 'fr' is not allowed; allowed: vi, en", refused("lang=fr"));
        assertEquals("invalid parameter 'geo': '2019' is not allowed; allowed: 2025, asof", refused("geo=2019"));
        assertEquals("invalid parameter 'level': 'village' is not allowed; allowed: commune, district, province, area", refused("level=village"));
    }

    @Test
    void aValueOutsideItsListIsAJavalinValidationErrorCarryingTheAllowedValues()
    {
        ValidationException error = assertThrows(ValidationException.class, () -> QueryRequestParser.parse(QueryRequestParser.of(parameters("lang=fr"))));
        assertEquals(Set.of("lang"), error.getErrors().keySet());
        assertEquals("'fr' is not allowed", error.getErrors().get("lang").get(0).getMessage());
        assertEquals(List.of("vi", "en"), error.getErrors().get("lang").get(0).getArgs().get("allowed"));
        assertEquals("invalid parameter 'lang': 'fr' is not allowed; allowed: vi, en", ApiException.of(error).getMessage());
        assertEquals(List.of("allowed: vi, en"), ApiException.of(error).details());
    }

    @Test
    void aMalformedDateOrPeriodIsRefusedWithTheFormToGive()
    {
        assertEquals("invalid parameter 'date': '2026-13-01' is not a date (yyyy-MM-dd), e.g. 2026-10-31", refused("date=2026-13-01"));
        assertEquals("invalid parameter 'date': '31/10/2026' is not a date; give a day yyyy-MM-dd (2026-10-31), a period's end (2025, 2025-S1,"
                + " 2025-Q3, 2025-M07) or LATEST, LATEST_QUARTER_END, LATEST_YEAR_END (each may end in -1Y for a year earlier)", refused("date=31/10/2026"));
        assertEquals("invalid parameter 'period': '2026-Q5' is not a period; give " + PeriodExpression.FORMS, refused("period=2026-Q5"));
        assertEquals("invalid parameter 'period': 'LATEST_WEEK' is not a relative period; give " + PeriodExpression.RELATIVE_FORMS, refused("period=LATEST_WEEK"));
        assertEquals("invalid parameter 'period': 'LAST_5_YEARS' names several periods; a query answers one period (the table builder /api/v1/tables"
                + " takes several)", refused("period=LAST_5_YEARS"));
        assertEquals("invalid parameter 'period': 'YEAR_TO_DATE-0Y': a period can be moved back 1 to 50 years (-1Y … -50Y)", refused("period=YEAR_TO_DATE-0Y"));
        assertEquals("invalid parameter 'period': give either date or period, not both", refused("date=2026-10-31", "period=2026"));
    }

    @Test
    void aRepeatedSingleParameterOrAnUnknownOneIsRefused()
    {
        assertEquals("invalid parameter 'date': given 2 times; give it once", refused("date=2026-10-31", "date=2025-06-30"));
        assertEquals("invalid parameter 'lang': given 2 times; give it once", refused("lang=vi", "lang=en"));
        assertEquals("invalid parameter 'dim': unknown parameter; allowed: dims, measures, filter, date, period, geo, level, lang, format",
                refused("dim=sex"));
    }

    @Test
    void anEmptyItemOrAMalformedFilterIsRefused()
    {
        assertEquals("invalid parameter 'dims': 'unit,,sex' has an empty item; give names separated by commas", refused("dims=unit,,sex"));
        assertEquals("invalid parameter 'measures': 'population,' has an empty item; give names separated by commas", refused("measures=population,"));
        assertEquals("invalid parameter 'filter': 'sex' is not of the form dimension:code[,code…]", refused("filter=sex"));
        assertEquals("invalid parameter 'filter': ':F' is not of the form dimension:code[,code…]", refused("filter=:F"));
        assertEquals("invalid parameter 'filter': 'sex:' is not of the form dimension:code[,code…]", refused("filter=sex:"));
        assertEquals("invalid parameter 'filter': 'sex:F,,M' has an empty code; give dimension:code[,code…]", refused("filter=sex:F,,M"));
    }
}
