package vn.dancu.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Values drawn with given relative weights. */
final class WeightedList
{
    private final List<String> values;
    private final double[] cumulative;

    private WeightedList(List<String> values, double[] cumulative)
    {
        this.values = List.copyOf(values);
        this.cumulative = cumulative.clone();
        if (values.isEmpty() || values.size() != cumulative.length) {
            throw new IllegalArgumentException("a weighted list needs one weight per value");
        }
    }

    /** {@code of("a", 2.0, "b", 1.0)}: a value, then its weight, repeated. */
    static WeightedList of(Object... valuesAndWeights)
    {
        List<String> values = new ArrayList<>();
        double[] cumulative = new double[valuesAndWeights.length / 2];
        double total = 0;
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            values.add((String) valuesAndWeights[i]);
            total += ((Number) valuesAndWeights[i + 1]).doubleValue();
            cumulative[i / 2] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        return new WeightedList(values, cumulative);
    }

    String pick(SplittableRandom random)
    {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }
}
