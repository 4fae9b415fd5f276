package vn.dancu.datasets.synthetic;

import java.text.Normalizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic full names, in Unicode NFC, by naming tradition (see docs/synthetic-register.md):
 * <ul>
 *   <li>Kinh, Hoa and most lowland groups: family name + middle name + given name ("Nguyễn Thị Hoa"); a child takes
 *       the father's family name, or the mother's when the father is unknown.</li>
 *   <li>Xơ Đăng, Ba Na, Giẻ Triêng and the other Mon-Khmer groups of Kon Tum: "A" (men) or "Y" (women) before a
 *       personal name ("A Thương", "Y Hoa"); about one in six also carries a Vietnamese family name, most often
 *       Đinh ("Đinh Thị Hoa") — assumed from usage in local news, no statistical source.</li>
 *   <li>Gia Rai and Ê Đê: clan name first ("Siu Blếch", "Ksor H'Nhung").</li>
 *   <li>Northern groups who settled in the Highlands (Tày, Thái, Mường, Nùng, Mông, Dao): the lowland pattern with
 *       their own family names (Lò, Cầm, Bùi, Nông, Giàng, Triệu …).</li>
 * </ul>
 */
final class PersonNames
{
    enum Tradition { LOWLAND, HIGHLAND_PREFIX, CLAN_FIRST, NORTHERN }

    private static final WeightedList KINH_FAMILY = WeightedList.of(
            "Nguyễn", 38.4, "Trần", 12.1, "Lê", 9.5, "Phạm", 7.0, "Hoàng", 4.6, "Huỳnh", 1.5, "Phan", 4.5, "Vũ", 2.9,
            "Võ", 3.0, "Đặng", 2.1, "Bùi", 2.0, "Đỗ", 1.4, "Hồ", 1.3, "Ngô", 1.3, "Dương", 1.0, "Lý", 0.5,
            "Đinh", 0.8, "Trương", 0.8, "Đoàn", 0.5, "Lương", 0.5, "Mai", 0.4, "Cao", 0.4, "Hà", 0.4, "Tạ", 0.3,
            "Lâm", 0.3, "Châu", 0.2, "Tô", 0.2, "Thái", 0.2, "Kiều", 0.1, "La", 0.1);
    private static final List<String> MALE_MIDDLE_MODERN = List.of("Văn", "Đức", "Minh", "Hữu", "Quang", "Công",
            "Thanh", "Xuân", "Ngọc", "Anh", "Duy", "Trung", "Quốc", "Tiến", "Gia", "Hoàng", "Bảo", "Đình");
    private static final List<String> FEMALE_MIDDLE_MODERN = List.of("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh",
            "Phương", "Bảo", "Khánh", "Thùy", "Hoài", "Mỹ", "Hồng", "Diệu", "Như", "Quỳnh", "Thảo", "Hải");
    private static final List<String> MALE_GIVEN = List.of("Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Minh",
            "Quân", "Phúc", "Khang", "Huy", "Hoàng", "Sơn", "Thắng", "Cường", "Trung", "Tú", "Việt", "Đạt", "Khoa",
            "Bảo", "An", "Lâm", "Phong", "Thành", "Tài", "Lộc", "Tín", "Nghĩa", "Hiếu", "Duy", "Kiên", "Thịnh", "Vinh",
            "Quang", "Toàn", "Tâm", "Đức", "Hậu", "Hưng", "Khánh", "Tùng", "Thái", "Bình", "Hòa", "Lợi", "Tiến", "Nhân");
    private static final List<String> FEMALE_GIVEN = List.of("Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Ngọc",
            "Thảo", "Hà", "Nhung", "Hằng", "Huyền", "Phương", "Thủy", "Yến", "Vy", "Anh", "Nhi", "Hạnh", "Loan", "Dung",
            "Oanh", "Quỳnh", "Trâm", "Thư", "My", "Hiền", "Liên", "Nga", "Tuyết", "Chi", "Giang", "Ly", "Diệp", "Nhàn",
            "Xuân", "Thu", "Thanh", "Tâm", "Ánh", "Vân", "Hồng", "Duyên", "Hiếu", "Hậu", "Nguyệt", "Uyên", "Ngân");

    private static final List<String> HIGHLAND_MALE = List.of("Thương", "Blong", "Hơ", "Nhong", "Krông", "Jơ", "Rin",
            "Pếu", "Đin", "Gió", "Bôn", "Kar", "Tiêm", "Hyên", "Duy", "Vang", "Nhưn", "Brưu", "Sang", "Thiên", "Hòa",
            "Khim", "Pô", "Dê", "Rư", "Thoan", "Biêng", "Hờ", "Lưới", "Thuấn", "Đức", "Minh", "Trung", "Thịnh", "Luân",
            "Hmal", "Dơn", "Bưm", "Sứ", "Nguyên", "Pách", "Tuôn", "Hyum", "Khiêm", "Rôn", "Yêng", "Ngọc", "Quyết");
    private static final List<String> HIGHLAND_FEMALE = List.of("Hoa", "Bắp", "Sương", "Nhen", "Loan", "Hạnh", "Rê",
            "Dim", "Pik", "Hnhum", "Lan", "Ngọc", "Xuân", "Thu", "Phương", "Mai", "Bích", "Yên", "Rin", "Nga", "Thảo",
            "Hiền", "Linh", "Thuận", "Blưm", "Oanh", "Lý", "Pang", "Hlun", "Tuyết", "Phiên", "Gơn", "Nhương", "Đêm",
            "Jen", "Hmen", "Nê", "Mơ", "Thoa", "Hía", "Nhung", "Sa", "Pưa", "Khuyên", "Đào", "Hơn", "Ngân", "Trinh");
    private static final WeightedList HIGHLAND_FAMILY = WeightedList.of("Đinh", 6, "Nguyễn", 2, "Trần", 1, "Lê", 1, "Y", 1);

    private static final List<String> CLANS = List.of("Rơ Châm", "Siu", "Ksor", "Rơ Mah", "Puih", "Kpă", "Nay",
            "Rơ Lan", "Rahlan", "Đinh");
    private static final List<String> CLAN_GIVEN_MALE = List.of("Blếch", "Thuấn", "Hyang", "Đoan", "Bin", "Chanh",
            "Hiên", "Tư", "Kông", "Phơ", "Hlip", "Nguyên", "Lâm", "Thiêng", "Yuh");
    private static final List<String> CLAN_GIVEN_FEMALE = List.of("H'Nhung", "H'Bla", "H'Luên", "Hờ", "Blan", "Jen",
            "Kim", "Mlưn", "Thanh", "H'Yen", "Nga", "Nhiên", "Dơk", "Hlim", "Mai");

    private static final List<String> NORTHERN_FAMILY_THAI = List.of("Lò", "Lường", "Cầm", "Quàng", "Vi", "Lang", "Hà");
    private static final List<String> NORTHERN_FAMILY_MUONG = List.of("Bùi", "Đinh", "Quách", "Hà", "Xa");
    private static final List<String> NORTHERN_FAMILY_TAY_NUNG = List.of("Hoàng", "Nông", "Lương", "Ma", "Triệu", "Bế",
            "Lục", "Lăng", "Chu", "Vy");
    private static final List<String> NORTHERN_FAMILY_MONG_DAO = List.of("Giàng", "Vàng", "Sùng", "Lầu", "Thào",
            "Triệu", "Bàn", "Lý", "Đặng");

    private PersonNames() {}

    static Tradition tradition(String ethnicityCode)
    {
        return switch (ethnicityCode) {
            case "13", "14", "27", "52", "54", "19", "30", "26", "31", "23", "20", "16", "28", "22", "44", "45", "53" ->
                    Tradition.HIGHLAND_PREFIX;
            case "10", "12", "21", "36", "17" -> Tradition.CLAN_FIRST;
            case "02", "03", "06", "07", "08", "09", "15", "18", "25", "29", "24", "33", "34", "35", "37", "38",
                    "39", "40", "41", "42", "43", "46", "47", "48", "49", "50", "51" -> Tradition.NORTHERN;
            default -> Tradition.LOWLAND;
        };
    }

    /**
     * A full name; {@code familyName} is the family name to inherit (father's, else mother's) or null to draw one.
     */
    static String fullName(SplittableRandom random, String ethnicityCode, boolean female, int birthYear, String familyName)
    {
        String name = switch (tradition(ethnicityCode)) {
            case LOWLAND -> lowland(random, female, birthYear, familyName != null ? familyName : KINH_FAMILY.pick(random));
            case NORTHERN -> lowland(random, female, birthYear, familyName != null ? familyName : northernFamily(random, ethnicityCode));
            case HIGHLAND_PREFIX -> highland(random, female, birthYear);
            case CLAN_FIRST -> pick(random, CLANS) + " " + pick(random, female ? CLAN_GIVEN_FEMALE : CLAN_GIVEN_MALE);
        };
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** The family name a child inherits, or null when the tradition does not pass one on. */
    static String inheritedFamilyName(String parentFullName, String ethnicityCode)
    {
        Tradition tradition = tradition(ethnicityCode);
        if (tradition != Tradition.LOWLAND && tradition != Tradition.NORTHERN) {
            return null;
        }
        int space = parentFullName.indexOf(' ');
        return space < 0 ? null : parentFullName.substring(0, space);
    }

    private static String lowland(SplittableRandom random, boolean female, int birthYear, String family)
    {
        boolean traditional = random.nextDouble() < (birthYear < 1985 ? 0.85 : birthYear < 2000 ? 0.6 : 0.35);
        String middle = traditional ? (female ? "Thị" : "Văn") : pick(random, female ? FEMALE_MIDDLE_MODERN : MALE_MIDDLE_MODERN);
        return family + " " + middle + " " + pick(random, female ? FEMALE_GIVEN : MALE_GIVEN);
    }

    private static String highland(SplittableRandom random, boolean female, int birthYear)
    {
        String given = pick(random, female ? HIGHLAND_FEMALE : HIGHLAND_MALE);
        if (random.nextDouble() < (birthYear >= 1990 ? 0.2 : 0.1)) {
            return HIGHLAND_FAMILY.pick(random) + " " + (female ? "Thị" : "Văn") + " " + given;
        }
        return (female ? "Y " : "A ") + given;
    }

    private static String northernFamily(SplittableRandom random, String code)
    {
        return switch (code) {
            case "03" -> pick(random, NORTHERN_FAMILY_THAI);
            case "06" -> pick(random, NORTHERN_FAMILY_MUONG);
            case "08", "09" -> pick(random, NORTHERN_FAMILY_MONG_DAO);
            default -> pick(random, NORTHERN_FAMILY_TAY_NUNG);
        };
    }

    private static String pick(SplittableRandom random, List<String> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
