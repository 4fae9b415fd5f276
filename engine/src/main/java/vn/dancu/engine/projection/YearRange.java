package vn.dancu.engine.projection;

/** Calendar years {@code first}–{@code last}, both included. */
public record YearRange(int first, int last) implements java.io.Serializable
{
    public YearRange
    {
        if (last < first) {
            throw new IllegalArgumentException("year range " + first + "–" + last + " is empty");
        }
    }

    public int years()
    {
        return last - first + 1;
    }

    @Override
    public String toString()
    {
        return first == last ? Integer.toString(first) : first + "–" + last;
    }
}
