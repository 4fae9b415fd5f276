package vn.dancu.api.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may see. Anonymous callers are {@link #VIEWER}s; logging in raises the role.
 * <ul>
 *   <li>{@code viewer}: the public summaries (population, births, deaths, migration, households, identity documents,
 *   their indicators) with disclosure control, without ethnicity;</li>
 *   <li>{@code planner}: as viewer, plus ethnicity;</li>
 *   <li>{@code leader}: as planner, plus the data-quality and quarantine cubes of the ingest;</li>
 *   <li>{@code statistician}: exact counts of every cube, monthly flows, historical communes, moves between
 *   communes;</li>
 *   <li>{@code admin}: as statistician, plus accounts, settings and the audit log.</li>
 * </ul>
 */
public enum Role
{
    VIEWER, PLANNER, LEADER, STATISTICIAN, ADMIN;

    public String code()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String code)
    {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }

    public static List<String> codes()
    {
        return Arrays.stream(values()).map(Role::code).toList();
    }

    /** Exact counts, without disclosure control. */
    public boolean seesExactCounts()
    {
        return this == STATISTICIAN || this == ADMIN;
    }

    /** Ethnicity (sensitive personal data under Law 91/2025/QH15) as a dimension or filter. */
    public boolean seesEthnicity()
    {
        return this != VIEWER;
    }

    /** The ingest's data-quality and quarantine cubes. */
    public boolean seesQualityCubes()
    {
        return this == LEADER || this == STATISTICIAN || this == ADMIN;
    }

    public boolean administers()
    {
        return this == ADMIN;
    }
}
