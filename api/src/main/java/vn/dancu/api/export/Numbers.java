package vn.dancu.api.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as files write them: a dot for decimals, no grouping, a fixed number of decimals. */
final class Numbers
{
    private Numbers() {}

    static String plain(double value, int decimals)
    {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
