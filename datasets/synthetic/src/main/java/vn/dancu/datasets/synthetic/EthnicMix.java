package vn.dancu.datasets.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shares of ethnic groups (1979 codes) in a population; shares are normalised to sum to 1. */
final class EthnicMix
{
    static final String KINH = "01";

    private final List<String> codes;
    private final double[] cumulative;

    private EthnicMix(List<String> codes, double[] cumulative)
    {
        this.codes = List.copyOf(codes);
        this.cumulative = cumulative.clone();
        if (codes.isEmpty() || codes.size() != cumulative.length) {
            throw new IllegalArgumentException("an ethnic mix needs one cumulative share per code");
        }
    }

    static EthnicMix of(Map<String, Double> shares)
    {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("ethnic shares sum to " + total);
        }
        List<String> codes = new ArrayList<>();
        double[] cumulative = new double[shares.size()];
        double running = 0;
        int i = 0;
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
            if (entry.getValue() < 0) {
                throw new IllegalArgumentException("negative share for ethnic group " + entry.getKey());
            }
            running += entry.getValue() / total;
            codes.add(entry.getKey());
            cumulative[i++] = running;
        }
        cumulative[cumulative.length - 1] = 1.0;
        return new EthnicMix(codes, cumulative);
    }

    String sample(SplittableRandom random)
    {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return codes.get(i);
            }
        }
        return codes.get(codes.size() - 1);
    }

    double share(String code)
    {
        int i = codes.indexOf(code);
        if (i < 0) {
            return 0;
        }
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    Map<String, Double> shares()
    {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String code : codes) {
            shares.put(code, share(code));
        }
        return shares;
    }

    double minorityShare()
    {
        return 1 - share(KINH);
    }
}
