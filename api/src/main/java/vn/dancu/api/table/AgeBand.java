package vn.dancu.api.table;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.query.AgeDimension;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom age band of the table builder ({@code ageBands=3-5,6-10,11-14,15-17}): completed ages {@code from} to
 * {@code to}, both included; 100 stands for 100 and over, as in the cubes. Its code is written as asked
 * ({@code 3-5}, {@code 7}, {@code 65+}).
 */
public record AgeBand(String code, int from, int to)
{
    public static final String PARAMETER = "ageBands";
    /** The school ages the page offers as a preset: pre-school, primary, lower and upper secondary. */
    public static final String SCHOOL_AGES = "3-5,6-10,11-14,15-17";
    private static final Pattern RANGE = Pattern.compile("(\\d{1,3})-(\\d{1,3})");
    private static final Pattern SINGLE = Pattern.compile("(\\d{1,3})");
    private static final Pattern OPEN = Pattern.compile("(\\d{1,3})\\+");
    private static final String FORMS = "bands a-b, a single age a, or an open band a+, ages 0 to 100, separated by commas (e.g. " + SCHOOL_AGES + ")";

    public AgeBand
    {
        if (from < 0 || to > AgeDimension.OPEN_AGE || to < from) {
            throw new IllegalArgumentException("age band " + code + " is not within 0–100");
        }
    }

    /** The bands of an {@code ageBands} value, in the order given; a 400 naming the parameter for a band that is malformed or overlaps another. */
    public static List<AgeBand> parseAll(String text)
    {
        List<AgeBand> bands = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            AgeBand band = parse(item.strip(), text);
            for (AgeBand other : bands) {
                if (band.from <= other.to && other.from <= band.to) {
                    throw ApiException.badParameter(PARAMETER, "bands " + other.code + " and " + band.code + " overlap; a person may be in one band only", List.of());
                }
            }
            bands.add(band);
        }
        return List.copyOf(bands);
    }

    private static AgeBand parse(String item, String text)
    {
        Matcher range = RANGE.matcher(item);
        Matcher single = SINGLE.matcher(item);
        Matcher open = OPEN.matcher(item);
        int from;
        int to;
        if (range.matches()) {
            from = Integer.parseInt(range.group(1));
            to = Integer.parseInt(range.group(2));
        }
        else if (single.matches()) {
            from = Integer.parseInt(single.group(1));
            to = from;
        }
        else if (open.matches()) {
            from = Integer.parseInt(open.group(1));
            to = AgeDimension.OPEN_AGE;
        }
        else {
            throw ApiException.badParameter(PARAMETER, "'" + item + "' in '" + text + "' is not an age band; give " + FORMS, List.of());
        }
        if (from > AgeDimension.OPEN_AGE || to > AgeDimension.OPEN_AGE) {
            throw ApiException.badParameter(PARAMETER, "'" + item + "' goes beyond 100 (the cubes count 100 and over together); give " + FORMS, List.of());
        }
        if (to < from) {
            throw ApiException.badParameter(PARAMETER, "'" + item + "' ends before it starts; give " + FORMS, List.of());
        }
        return new AgeBand(item, from, to);
    }

    /** The single-age codes of the cubes this band sums ({@code 3}, {@code 4}, {@code 5}; {@code 100+} for 100). */
    public List<String> ageCodes()
    {
        List<String> codes = new ArrayList<>();
        for (int age = from; age <= to; age++) {
            codes.add(age >= AgeDimension.OPEN_AGE ? AgeDimension.OPEN_AGE + "+" : Integer.toString(age));
        }
        return codes;
    }

    public boolean holds(String ageCode)
    {
        int age = AgeDimension.firstAge(ageCode);
        return age >= from && age <= to;
    }

    public String label(String language)
    {
        boolean english = "en".equals(language);
        if (to == AgeDimension.OPEN_AGE) {
            return from + (english ? " and over" : " tuổi trở lên");
        }
        String range = from == to ? Integer.toString(from) : from + "–" + to;
        return english ? range : range + " tuổi";
    }
}
