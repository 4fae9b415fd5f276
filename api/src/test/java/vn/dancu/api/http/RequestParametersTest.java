package vn.dancu.api.http;

import org.junit.jupiter.api.Test;
import vn.dancu.api.error.ApiException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameters every route refuses before reading them: repeated, empty, unreadable, or not the route's. */
class RequestParametersTest
{
    private static final List<String> QUERY = List.of("dims", "filter", "date", "geo");

    private static String refused(String query)
    {
        return assertThrows(ApiException.class, () -> RequestParameters.check(query, QUERY), query).getMessage();
    }

    @Test
    void aRepeatedSingleParameterIsRefusedNamingIt()
    {
        assertEquals("invalid parameter 'date': given more than once; give it once", refused("date=2026-10-31&date=2020-01-31"));
        assertEquals("invalid parameter 'geo': given more than once; give it once", refused("geo=2025&dims=unit&geo=2025"));
    }

    @Test
    void listsMayRepeat()
    {
        RequestParameters.check("dims=unit&dims=sex&filter=sex:F&filter=unit:23485", QUERY);
    }

    @Test
    void anEmptyValueIsRefused()
    {
        assertEquals("invalid parameter 'date': empty; give a value or leave the parameter out for its default", refused("date="));
        assertEquals("invalid parameter 'dims': empty; give a value or leave the parameter out for its default", refused("dims"));
        assertEquals("invalid parameter 'geo': empty; give a value or leave the parameter out for its default", refused("geo=+"));
    }

    @Test
    void aMalformedPercentEncodingIsRefusedRatherThanDropped()
    {
        assertEquals("invalid parameter 'dims': '%ZZ' is not valid percent-encoding", refused("dims=%ZZ"));
        assertEquals("invalid parameter 'query': '%G1' is not valid percent-encoding", refused("%G1=2"));
    }

    @Test
    void aParameterTheRouteDoesNotHaveIsRefusedWithTheRoutesParameters()
    {
        assertEquals("invalid parameter 'colour': unknown parameter; allowed: dims, filter, date, geo", refused("dims=unit&colour=blue"));
        // A path the description does not know is left to the router (404).
        RequestParameters.check("colour=blue", null);
    }
}
