package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.CubePolicy;
import vn.dancu.model.cube.TimeGrain;

import java.util.List;

/**
 * What each role may ask of the cubes (see docs/disclosure-control.md). Refusals are 403s that say which role or
 * which form of the question would be answered.
 */
public final class QueryAccess
{
    private QueryAccess() {}

    /** Whether a role is in the cube's audience, as its descriptor declares it ({@link CubePolicy.Audience}). */
    public static boolean maySeeCube(Role role, CubeDescriptor descriptor)
    {
        return switch (descriptor.policy().audience()) {
            case EVERYONE -> true;
            case DATA_QUALITY -> role.seesQualityCubes();
            case EXACT_COUNTS -> role.seesExactCounts();
        };
    }

    /**
     * Whether the query API serves a cube: not one of model outputs, whose measures are fixed point (a scale other
     * than 1) or whose dimension holds alternatives that must not be summed (the scenarios of a projection); reading
     * them as counts would show thousandfold values or the sum of four scenarios.
     */
    /** Where the API serves a model-output cube instead of the query routes. */
    private static final java.util.Map<String, String> PROJECTION_ROUTES = java.util.Map.of("population_projection",
            "; the projection is served, labelled and through disclosure control, at /api/v1/projections");

    public static boolean served(CubeDescriptor descriptor)
    {
        return descriptor.measures().stream().allMatch(measure -> measure.scale() == 1)
                && descriptor.dimensions().stream().allMatch(dimension -> dimension.additive());
    }

    /** Refuses, for every role, a question to a cube the query API does not serve ({@link #served}). */
    public static void checkServed(CubeDescriptor descriptor)
    {
        if (!served(descriptor)) {
            throw ApiException.forbidden("cube " + descriptor.name() + " holds model outputs (thousandths of a person, scenarios that are"
                    + " alternatives, not parts of a whole) and is not served by the query API; its description is at /api/v1/cubes/"
                    + descriptor.name() + PROJECTION_ROUTES.getOrDefault(descriptor.name(), ""));
        }
    }

    public static void check(Caller caller, CubeDescriptor descriptor, CubeQuery query, QueryService.Coverage coverage)
    {
        Role role = caller.role();
        String login = caller.anonymousVisitor() ? "; log in with an account that has it" : "";
        if (!maySeeCube(role, descriptor)) {
            String audience = descriptor.policy().audience() == CubePolicy.Audience.DATA_QUALITY
                    ? " (data quality of the ingest) is shown to the leader, statistician and admin roles"
                    : " is shown to the statistician and admin roles";
            throw ApiException.forbidden("cube " + descriptor.name() + audience + "; your role is " + role.code() + login);
        }
        List<String> used = new java.util.ArrayList<>(query.dimensions());
        used.addAll(query.filters().keySet());
        if (used.contains("ethnicity") && !role.seesEthnicity()) {
            throw ApiException.forbidden("ethnicity is sensitive personal data (Law 91/2025/QH15): it is shown to the planner, leader,"
                    + " statistician and admin roles; your role is " + role.code() + login);
        }
        if (role.seesExactCounts()) {
            return;
        }
        java.util.Optional<String> paired = QueryDimensions.pairedUnitName(descriptor);
        if (paired.isPresent() && used.contains(paired.get())) {
            throw ApiException.forbidden("moves between pairs of units (" + paired.get() + ") are shown to the statistician and admin roles; your role is "
                    + role.code() + login);
        }
        if (descriptor.time() == TimeGrain.MONTH && query.period() != null && !query.period().withinOneYear()) {
            throw ApiException.forbidden("flows over months of two calendar years (" + query.period().code() + ") are shown to the statistician and"
                    + " admin roles: the published periods are quarters of one year; your role (" + role.code() + ") sees a year (period=2026,"
                    + " LATEST_YEAR), a half-year, a quarter (LATEST_QUARTER) or the year to date (YEAR_TO_DATE)");
        }
        if (descriptor.time() == TimeGrain.MONTH && (query.period() == null || !coverage.wholeQuarters(query.period()))) {
            throw ApiException.forbidden("monthly flows are shown to the statistician and admin roles; your role (" + role.code() + ") sees flows"
                    + " summed over whole quarters: a year (period=2026), a quarter (period=2026-Q3) or the year to a quarter's end"
                    + " (period=2026-01/2026-09), cut where the data start and end (" + coverage.from() + " to " + coverage.to() + ")");
        }
        if (query.geography() == GeographyDimension.Geography.ASOF && !Reorganisation2025.after(query.firstDate())
                && (query.level() == GeographyDimension.Level.COMMUNE || query.level() == GeographyDimension.Level.DISTRICT)
                && (QueryDimensions.unitName(descriptor).map(used::contains).orElse(false) || caller.scoped())) {
            throw ApiException.forbidden("communes and districts before 01/07/2025 are published on the units of 01/07/2025 (geo=2025):"
                    + " both geographies together would let a reader subtract one from the other; the historical units are shown to the"
                    + " statistician and admin roles (your role is " + role.code() + ")");
        }
        if (used.contains("ethnicity") && used.contains("age")) {
            throw ApiException.forbidden("ethnicity by single year of age is too detailed to publish; use ageBand or ageBroad with"
                    + " ethnicity (single years are shown to the statistician and admin roles)");
        }
    }

    /** For an account limited to some units: only commune-level questions about them. */
    public static void checkScope(Caller caller, CubeQuery query, List<String> unitCodesAsked)
    {
        if (!caller.scoped()) {
            return;
        }
        String scope = String.join(", ", new java.util.TreeSet<>(caller.scope()));
        if (query.level() != GeographyDimension.Level.COMMUNE) {
            throw ApiException.forbidden("your account is limited to the communes " + scope + ": ask with level=commune (totals of your"
                    + " communes come without the unit dimension)");
        }
        for (String code : unitCodesAsked) {
            if (!caller.scope().contains(code)) {
                throw ApiException.forbidden("your account is limited to the communes " + scope + "; unit " + code + " is outside it");
            }
        }
    }
}
