package vn.dancu.datasets.synthetic;

/**
 * Breaks a rendered CSV or JSON line the way real extracts are broken: cut short, or written with the wrong
 * delimiter or quotes. The damage is a function of the line alone, so it is deterministic.
 */
final class LineDamage
{
    private LineDamage() {}

    /**
     * A CSV line cut before its second-to-last comma (so it has too few columns whatever was cut), or with
     * semicolons for commas (one column).
     */
    static String damageCsv(String line, FaultKind fault)
    {
        return switch (fault) {
            case PERSON_LINE_TRUNCATED, EVENT_LINE_TRUNCATED -> {
                int last = line.lastIndexOf(',');
                int beforeLast = line.lastIndexOf(',', last - 1);
                int cut = Math.max(1, Math.min(beforeLast, (int) (line.length() * 0.6)));
                yield line.substring(0, cut);
            }
            case PERSON_LINE_WRONG_DELIMITER, EVENT_LINE_WRONG_DELIMITER -> line.replace(',', ';');
            default -> throw new IllegalArgumentException(fault + " does not damage a line");
        };
    }

    /** A JSON object cut in the middle (no closing brace), or written with single quotes (not JSON). */
    static String damageJson(String line, FaultKind fault)
    {
        return switch (fault) {
            case PERSON_LINE_TRUNCATED, EVENT_LINE_TRUNCATED -> line.substring(0, Math.max(1, (int) (line.length() * 0.6)));
            case PERSON_LINE_WRONG_DELIMITER, EVENT_LINE_WRONG_DELIMITER -> line.replace('"', '\'');
            default -> throw new IllegalArgumentException(fault + " does not damage a line");
        };
    }
}
