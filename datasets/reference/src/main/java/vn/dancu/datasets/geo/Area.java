package vn.dancu.datasets.geo;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The territory a register covers: the former Kon Rẫy district, the whole former Kon Tum province, or (for
 * benchmarks) Kon Tum replicated to national size.
 *
 * @param replicas copies of Kon Tum in the catalogue (1 unless {@code national})
 */
public record Area(String name, int replicas)
{
    public static final List<String> NAMES = List.of("konray", "kontum", "national");

    public Area
    {
        requireNonNull(name, "name is null");
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown area '" + name + "'; allowed: " + String.join(", ", NAMES));
        }
        if (replicas < 1 || (!name.equals("national") && replicas != 1)) {
            throw new IllegalArgumentException("area " + name + " cannot have " + replicas + " replicas");
        }
    }

    public static Area konray()
    {
        return new Area("konray", 1);
    }

    public static Area kontum()
    {
        return new Area("kontum", 1);
    }

    public static Area parse(String text)
    {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("national")) {
            int replicas = lower.contains(":") ? Integer.parseInt(lower.substring(lower.indexOf(':') + 1)) : 1;
            return new Area("national", replicas);
        }
        return new Area(lower, 1);
    }

    @Override
    public String toString()
    {
        return name.equals("national") ? "national:" + replicas : name;
    }

    public AdminCatalogue catalogue()
    {
        return AdminCatalogue.kontum().withReplicas(replicas);
    }

    /** Communes of the area in force on {@code date}. */
    public List<AdminUnit> communes(AdminCatalogue catalogue, LocalDate date)
    {
        return catalogue.units(UnitLevel.COMMUNE, date).stream().filter(commune -> contains(catalogue, commune, date)).toList();
    }

    public boolean contains(AdminCatalogue catalogue, AdminUnit commune, LocalDate date)
    {
        if (!name.equals("konray")) {
            return true;
        }
        if (Reorganisation2025.after(date)) {
            return catalogue.predecessors(commune.code()).stream().allMatch(old -> AdminCatalogue.KON_RAY.equals(old.parentCode()))
                    && !catalogue.predecessors(commune.code()).isEmpty();
        }
        return AdminCatalogue.KON_RAY.equals(commune.parentCode());
    }

    public String label(String language)
    {
        boolean vi = !"en".equals(language);
        return switch (name) {
            case "konray" -> vi ? "Huyện Kon Rẫy cũ (nay: xã Đăk Rve, Đăk Kôi, Kon Braih)" : "Former Kon Rẫy district (now Đăk Rve, Đăk Kôi, Kon Braih communes)";
            case "kontum" -> vi ? "Tỉnh Kon Tum cũ (nay thuộc tỉnh Quảng Ngãi)" : "Former Kon Tum province (now part of Quảng Ngãi)";
            default -> vi ? "Quy mô toàn quốc (tổng hợp, " + replicas + " bản sao Kon Tum)" : "National scale (synthetic, " + replicas + " copies of Kon Tum)";
        };
    }
}
