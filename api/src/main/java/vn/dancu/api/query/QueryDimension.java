package vn.dancu.api.query;

import java.util.List;

/**
 * A dimension as a query sees it: a stored dimension of the cube ({@link #base()}), possibly recoded (single ages
 * into 5-year bands, communes into provinces or onto the 2025 units).
 */
public interface QueryDimension
{
    /** The name in queries and in result rows. */
    String name();

    /** The stored dimension it reads. */
    String base();

    /** The code a stored code becomes; null when the stored code has no place in this dimension (then the row is dropped). */
    String map(String baseCode);

    /** Every code, in display order. */
    List<String> codes();

    /** Position of a code in display order (codes not listed sort after, by text). */
    default int order(String code)
    {
        int index = codes().indexOf(code);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    String label(String code, String language);

    String title(String language);
}
