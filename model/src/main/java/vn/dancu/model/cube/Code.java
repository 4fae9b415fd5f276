package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/**
 * One code of a code list with its labels; for age bands and sizes also the range it covers.
 *
 * @param from first value covered (inclusive), for ranges; null otherwise
 * @param to   last value covered (inclusive); null for an open range ({@code 100+}) or a plain code
 */
public record Code(String code, String vi, String en, Integer from, Integer to)
{
    public Code
    {
        requireNonNull(code, "code is null");
        requireNonNull(vi, "vi is null");
        requireNonNull(en, "en is null");
        if (from != null && to != null && to < from) {
            throw new IllegalArgumentException("code " + code + ": range " + from + "–" + to + " is empty");
        }
    }

    public String label(String language)
    {
        return "en".equals(language) ? en : vi;
    }

    public boolean covers(int value)
    {
        return from != null && value >= from && (to == null || value <= to);
    }
}
