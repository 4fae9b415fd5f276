package vn.dancu.api.access;

import java.util.List;
import java.util.Set;

/**
 * The accounts {@code ./dancu demo} creates, one per role, with published passwords (docs/api.md). For
 * demonstrations on a laptop only: never on a server that holds real data.
 */
public final class DemoAccounts
{
    /** A demo account: user name, password, role, scope (2025 commune codes; empty = the whole area). */
    public record Demo(String username, String password, Role role, Set<String> scope, String displayName) {}

    /** Đăk Kôi commune (from 01/07/2025), in the Kon Rẫy demo area. */
    public static final String DAK_KOI = "23485";

    public static final List<Demo> ALL = List.of(
            new Demo("admin", "dancu-admin-demo", Role.ADMIN, Set.of(), "Quản trị (demo)"),
            new Demo("thongke", "dancu-thongke-demo", Role.STATISTICIAN, Set.of(), "Thống kê viên (demo)"),
            new Demo("lanhdao", "dancu-lanhdao-demo", Role.LEADER, Set.of(), "Lãnh đạo (demo)"),
            new Demo("quyhoach", "dancu-quyhoach-demo", Role.PLANNER, Set.of(), "Quy hoạch (demo)"),
            new Demo("xa-dakkoi", "dancu-dakkoi-demo", Role.LEADER, Set.of(DAK_KOI), "Lãnh đạo xã Đăk Kôi (demo)"));

    private DemoAccounts() {}

    /** Creates the demo accounts that do not exist yet (a scoped one only when its commune is in the area); returns those created. */
    public static List<Demo> ensure(AccountStore accounts, List<String> areaCommunes)
    {
        List<Demo> created = new java.util.ArrayList<>();
        for (Demo demo : ALL) {
            if (accounts.find(demo.username()).isPresent() || !areaCommunes.containsAll(demo.scope())) {
                continue;
            }
            accounts.create(demo.username(), demo.displayName(), demo.role(), demo.scope(), demo.password());
            created.add(demo);
        }
        return created;
    }
}
