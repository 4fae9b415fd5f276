package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.idnumber.IdNumberRules.Sex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out personal ID numbers that are valid by {@link IdNumberRules} and unique across a register generated in
 * independent chunks. The 6-digit random part of a number is unique within its key (province, century-sex digit,
 * birth year); the serial space of each key is split into three ranges, and each range into windows, one per chunk:
 * <ul>
 *   <li>home, 000000–599999: people born in the chunk's home province, one window per chunk of that home province;</li>
 *   <li>migrant, 600000–899999: people born in any other province, one window per chunk of the register;</li>
 *   <li>fault, 900000–999999: the numbers of injected ID faults, one window per chunk, so that a faulty number can
 *       never equal a valid one.</li>
 * </ul>
 * Inside its range a value is shifted by a key-dependent offset and multiplied by a constant prime to the range
 * size, which is a bijection: the numbers look random, yet no two chunks can collide.
 */
final class IdNumberAllocator
{
    enum Range
    {
        HOME(0, 600_000), MIGRANT(600_000, 300_000), FAULT(900_000, 100_000);

        final int start;
        final int size;

        Range(int start, int size)
        {
            this.start = start;
            this.size = size;
        }
    }

    private static final long SCRAMBLE = 823_543;   // 7^7, prime to 2, 3 and 5

    private final IdNumberRules rules = IdNumberRules.instance();
    private final String homeCode;
    private final int homeSlot;
    private final int homeSlots;
    private final int chunkSlot;
    private final int chunkSlots;
    private final List<String> provinceCodes;
    private final Map<Long, Integer> used = new HashMap<>();

    IdNumberAllocator(String homeCode, int homeSlot, int homeSlots, int chunkSlot, int chunkSlots)
    {
        if (homeSlot < 0 || homeSlot >= homeSlots || chunkSlot < 0 || chunkSlot >= chunkSlots) {
            throw new IllegalArgumentException("slot outside its range");
        }
        this.homeCode = homeCode;
        this.homeSlot = homeSlot;
        this.homeSlots = homeSlots;
        this.chunkSlot = chunkSlot;
        this.chunkSlots = chunkSlots;
        this.provinceCodes = rules.provinceCodes().stream().sorted().toList();
        if (!rules.isProvinceCode(homeCode)) {
            throw new IllegalArgumentException("unknown home province code " + homeCode);
        }
    }

    String homeCode()
    {
        return homeCode;
    }

    /**
     * A valid number for someone whose birth was registered in {@code provinceCode}. When that key's window is
     * full the next province code is used (the origin of a migrant is random anyway).
     */
    String allocate(String provinceCode, boolean female, int birthYear)
    {
        Sex sex = female ? Sex.FEMALE : Sex.MALE;
        if (provinceCode.equals(homeCode)) {
            int serial = next(Range.HOME, provinceCode, sex, birthYear);
            if (serial >= 0) {
                return rules.compose(provinceCode, sex, birthYear, serial);
            }
        }
        int start = provinceCodes.indexOf(provinceCode);
        for (int i = 0; i < provinceCodes.size(); i++) {
            String code = provinceCodes.get((start + i) % provinceCodes.size());
            int serial = next(Range.MIGRANT, code, sex, birthYear);
            if (serial >= 0) {
                return rules.compose(code, sex, birthYear, serial);
            }
        }
        throw new IllegalStateException("ID number space exhausted for birth year " + birthYear);
    }

    /** A number from the fault range with arbitrary digits 1–6 (which may break the rules on purpose), or null. */
    String allocateFaulty(String provinceDigits, int centurySexDigit, int yearDigits)
    {
        long key = key(provinceDigits, centurySexDigit, yearDigits);
        int serial = next(Range.FAULT, key);
        if (serial < 0) {
            return null;
        }
        return provinceDigits + centurySexDigit + String.format("%02d%06d", yearDigits, serial);
    }

    private int next(Range range, String provinceCode, Sex sex, int birthYear)
    {
        return next(range, key(provinceCode, IdNumberRules.centurySexDigit(sex, birthYear), birthYear % 100));
    }

    private int next(Range range, long key)
    {
        int slot = range == Range.HOME ? homeSlot : chunkSlot;
        int slots = range == Range.HOME ? homeSlots : chunkSlots;
        int window = range.size / slots;
        long usedKey = key * 4 + range.ordinal();
        int count = used.getOrDefault(usedKey, 0);
        if (count >= window) {
            return -1;
        }
        used.put(usedKey, count + 1);
        long offset = Math.floorMod(mix(key), range.size);
        long value = (slot * (long) window + count + offset) % range.size;
        return range.start + (int) ((value * SCRAMBLE + offset) % range.size);
    }

    private static long key(String provinceDigits, int centurySexDigit, int yearDigits)
    {
        return Long.parseLong(provinceDigits) * 1000 + centurySexDigit * 100L + yearDigits;
    }

    private static long mix(long value)
    {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
