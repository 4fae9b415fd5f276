package vn.dancu.api.bench;

import vn.dancu.api.access.DemoAccounts;
import vn.dancu.api.access.Role;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * Distinct questions the dashboard asks (the URLs its pages overview, structure, communes, change and d06 build in
 * {@code web/…/js/context.js}), generated from what a published version holds: every month end of
 * {@code population_stock} in turn, the area and each of its communes (map of 2025), the yearly and monthly series of
 * births, deaths and moves, indicators by commune and for the area, pyramids of five-year and single ages, identity
 * documents, ethnicity, residence status, data quality.
 *
 * <p>Each question carries what a caller needs to ask it, as the dashboard decides before it asks (context.js
 * {@code ETHNICITY_ROLES}, {@code QUALITY_ROLES}, {@code EXACT_ROLES}; a one-commune account always looks at its
 * commune, and also asks the area's rates for comparison): a caller is only given the questions it may ask, so any
 * answer other than 200 or 304 is an error.
 */
final class DashboardQuestions
{
    /** Who the questions need. */
    enum Need
    {
        /** Everyone, anonymous visitors included (disclosure control for those without exact counts). */
        PUBLIC,
        /** Ethnicity: planner, leader, statistician, admin. */
        ETHNICITY,
        /** Data quality of the ingest: leader, statistician, admin. */
        QUALITY,
        /** Monthly flows: statistician, admin. */
        EXACT
    }

    /** What a question is about: the whole area (by commune or in total), one commune, or the area's rates only. */
    record About(Optional<String> commune, boolean areaRates)
    {
        static final About AREA = new About(Optional.empty(), false);
        static final About AREA_RATES = new About(Optional.empty(), true);

        static About of(String commune)
        {
            return commune == null ? AREA : new About(Optional.of(commune), false);
        }
    }

    record Question(String path, Need need, About about, String route)
    {
        Question(String path, Need need, About about)
        {
            this(path, need, about, routeOf(path));
        }

        Question
        {
            requireNonNull(path, "path is null");
            requireNonNull(need, "need is null");
            requireNonNull(about, "about is null");
        }
    }

    /**
     * A client of the benchmark: anonymous, or a demo account (docs/api.md) logged in once with its password.
     *
     * @param username empty for an anonymous visitor
     */
    record Asker(String name, Optional<String> username, Optional<String> password, Role role, Set<String> scope)
    {
        static Asker anonymous()
        {
            return new Asker("anonymous", Optional.empty(), Optional.empty(), Role.VIEWER, Set.of());
        }

        static Asker demo(String username)
        {
            DemoAccounts.Demo demo = DemoAccounts.ALL.stream().filter(d -> d.username().equals(username)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no demo account " + username));
            return new Asker(demo.role().code() + (demo.scope().isEmpty() ? "" : " of " + String.join(",", demo.scope())) + " (" + username + ")",
                    Optional.of(username), Optional.of(demo.password()), demo.role(), demo.scope());
        }

        /** Every role of the dashboard: anonymous, leader, planner, statistician, admin, the one-commune account. */
        static List<Asker> everyRole()
        {
            return List.of(anonymous(), demo("lanhdao"), demo("quyhoach"), demo("thongke"), demo("admin"), demo("xa-dakkoi"));
        }

        boolean may(Question question)
        {
            boolean allowed = switch (question.need()) {
                case PUBLIC -> true;
                case ETHNICITY -> role != Role.VIEWER;
                case QUALITY -> role == Role.LEADER || role == Role.STATISTICIAN || role == Role.ADMIN;
                case EXACT -> role.seesExactCounts();
            };
            if (!allowed) {
                return false;
            }
            if (scope.isEmpty()) {
                return true;
            }
            return question.about().areaRates() || question.about().commune().map(scope::contains).orElse(false);
        }
    }

    private static final String STRUCTURE = "sexRatio,childDependency,oldAgeDependency,totalDependency,schoolAgePreschool,schoolAgePrimary,"
            + "schoolAgeLowerSecondary,schoolAgeUpperSecondary,elderly";
    private static final String COMPARED = "population,sexRatio,medianAge,totalDependency,elderly,chipCardShareEligible,vneidLevel2ShareEligible,"
            + "crudeBirthRate,crudeDeathRate,netMigrationRate,sexRatioAtBirth";
    private static final String IDENTITY = "chipCardShareEligible,vneidLevel2ShareEligible";

    private DashboardQuestions() {}

    /** A question of the dashboard at one month end, for the area (commune null) or one commune. */
    private record Template(Need need, String cube, BiFunction<LocalDate, String, Question> make) {}

    /**
     * {@code count} distinct questions (fewer if the version cannot give as many): month ends taken in turn over the
     * whole range of the stock cube, geographies (the area, then each commune) in turn, each of the templates below.
     */
    static List<Question> generate(CubeManifest manifest, List<String> communes, int count)
    {
        List<LocalDate> dates = manifest.cube("population_stock").map(CubeEntry::refDates).orElseThrow(
                () -> new IllegalArgumentException("version " + manifest.versionId() + " has no population_stock cube")).stream().sorted().toList();
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("version " + manifest.versionId() + " has no month end of population_stock");
        }
        List<String> geographies = new ArrayList<>();
        geographies.add(null);
        geographies.addAll(communes);
        int firstYear = dates.get(0).getYear();
        List<Template> templates = templates(firstYear).stream()
                .filter(template -> manifest.cube(template.cube()).map(cube -> !cube.refDates().isEmpty()).orElse(false)).toList();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<Question> questions = new ArrayList<>();
        // The lists the dashboard loads first, on every page.
        for (String path : List.of("/api/v1/cubes?lang=vi", "/api/v1/units?geo=2025&lang=vi")) {
            seen.add(path);
            questions.add(new Question(path, Need.PUBLIC, About.AREA_RATES));
        }
        int attempts = count * 50;
        // Month ends in turn with a stride prime to their number (jumping across the years): the next one is taken once a
        // question has asked about the current one, so the first questions that name a month end cover all of them.
        long cursor = 0;
        for (int i = 0; questions.size() < count && i < attempts; i++) {
            Template template = templates.get(i % templates.size());
            LocalDate date = dates.get((int) ((cursor * 37L) % dates.size()));
            String commune = geographies.get((i / templates.size()) % geographies.size());
            Question question = template.make().apply(date, commune);
            if (question != null && seen.add(question.path())) {
                questions.add(question);
                if (question.path().contains("date=" + date) || question.path().contains("to=" + month(date) + "&") && !question.path().contains("step=year")) {
                    cursor++;
                }
            }
        }
        return List.copyOf(questions);
    }

    private static List<Template> templates(int firstYear)
    {
        List<Template> templates = new ArrayList<>();
        // overview: population over the last 25 month ends (the first view), births and deaths of 5 years, identity documents
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> cube("population_stock", "series", commune,
                "from=" + month(date.minusMonths(24)) + "&to=" + month(date) + "&step=month")));
        templates.add(new Template(Need.PUBLIC, "births", (date, commune) -> cube("births", "series", commune,
                "from=" + (date.getYear() - 4) + "-01&to=" + date.getYear() + "-12&step=year")));
        templates.add(new Template(Need.PUBLIC, "deaths", (date, commune) -> cube("deaths", "series", commune,
                "from=" + (date.getYear() - 4) + "-01&to=" + date.getYear() + "-12&step=year")));
        templates.add(new Template(Need.PUBLIC, "identity_coverage", (date, commune) -> indicators("indicators/series", IDENTITY, commune,
                "from=" + month(date.minusMonths(24)) + "&to=" + month(date))));
        // structure: pyramid (five-year bands, single years), residence status, indicators by commune and for the area
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> cube("population_stock", "query", commune,
                "dims=ageBand,sex&date=" + date)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> cube("population_stock", "query", commune,
                "dims=age,sex&date=" + date)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> cube("population_stock", "query", commune,
                "dims=residenceStatus,sex&date=" + date)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> indicators("indicators", STRUCTURE, commune, "date=" + date)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> commune != null ? null : byCommune(STRUCTURE, "date=" + date)));
        templates.add(new Template(Need.ETHNICITY, "population_stock", (date, commune) -> commune != null ? null
                : new Question("/api/v1/cubes/population_stock/query?geo=2025&lang=vi&dims=unit,ethnicity&date=" + date, Need.ETHNICITY, About.AREA)));
        // communes: population by commune and sex, the comparison table (indicators by commune and the area's)
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> commune != null ? null
                : new Question("/api/v1/cubes/population_stock/query?geo=2025&lang=vi&dims=unit,sex&date=" + date, Need.PUBLIC, About.AREA)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> indicators("indicators", COMPARED, commune,
                "date=" + date + "&year=" + date.getYear())));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> commune != null ? null
                : byCommune(COMPARED, "date=" + date + "&year=" + date.getYear())));
        // change: the stock, births, deaths and moves by year over the register's years (monthly for exact counts)
        templates.add(new Template(Need.PUBLIC, "migration", (date, commune) -> cube("migration", "series", commune,
                "from=" + firstYear + "-01&to=" + date.getYear() + "-12&step=year&dims=flow" + (commune == null ? "&level=area" : ""))));
        templates.add(new Template(Need.EXACT, "births", (date, commune) -> cube("births", "series", commune,
                "from=" + month(date.minusMonths(23)) + "&to=" + month(date) + "&step=month", Need.EXACT)));
        templates.add(new Template(Need.EXACT, "deaths", (date, commune) -> cube("deaths", "series", commune,
                "from=" + month(date.minusMonths(23)) + "&to=" + month(date) + "&step=month", Need.EXACT)));
        templates.add(new Template(Need.EXACT, "migration", (date, commune) -> cube("migration", "series", commune,
                "from=" + month(date.minusMonths(23)) + "&to=" + month(date) + "&step=month&dims=flow" + (commune == null ? "&level=area" : ""), Need.EXACT)));
        // d06: identity documents by age group, the 10–13-year-olds by commune
        templates.add(new Template(Need.PUBLIC, "identity_coverage", (date, commune) -> cube("identity_coverage", "query", commune,
                "dims=ageGroup," + (date.getMonthValue() % 2 == 0 ? "chipCard" : "vneidLevel") + "&date=" + date)));
        templates.add(new Template(Need.PUBLIC, "population_stock", (date, commune) -> commune != null ? null
                : new Question("/api/v1/cubes/population_stock/query?geo=2025&lang=vi&dims=unit,age&date=" + date + "&filter=age:10,11,12,13",
                Need.PUBLIC, About.AREA)));
        // overview: the quality score (one question per geography: the cube has one date)
        templates.add(new Template(Need.QUALITY, "data_quality", (date, commune) -> cube("data_quality", "query", commune, "dims=indicator", Need.QUALITY)));
        return templates;
    }

    private static Question cube(String cube, String route, String commune, String parameters)
    {
        return cube(cube, route, commune, parameters, Need.PUBLIC);
    }

    /** {@code ctx.ask}: geography and language first, then the page's parameters, then the view's commune filter. */
    private static Question cube(String cube, String route, String commune, String parameters, Need need)
    {
        String path = "/api/v1/cubes/" + cube + "/" + route + "?geo=2025&lang=vi&" + parameters + (commune == null ? "" : "&filter=unit:" + commune);
        return new Question(path, need, About.of(commune));
    }

    /**
     * {@code ctx.indicators}: for the area (level=area, which a one-commune account also asks, for comparison), or
     * for one commune (level=commune and its filter).
     */
    private static Question indicators(String route, String ids, String commune, String parameters)
    {
        if (commune == null) {
            return new Question("/api/v1/" + route + "?ids=" + ids + "&geo=2025&lang=vi&" + parameters + "&level=area", Need.PUBLIC, About.AREA_RATES);
        }
        return new Question("/api/v1/" + route + "?ids=" + ids + "&geo=2025&lang=vi&" + parameters + "&level=commune&filter=unit:" + commune,
                Need.PUBLIC, About.of(commune));
    }

    /** {@code ctx.indicators(…, { byUnit: true })} of an account that sees the whole area: every commune. */
    private static Question byCommune(String ids, String parameters)
    {
        return new Question("/api/v1/indicators?ids=" + ids + "&geo=2025&lang=vi&" + parameters + "&level=commune", Need.PUBLIC, About.AREA);
    }

    /** The route of a question and, for a cube query, its dims: what the answer's cost depends on. */
    private static String routeOf(String path)
    {
        int query = path.indexOf('?');
        String route = (query < 0 ? path : path.substring(0, query)).replace("/api/v1/", "");
        java.util.regex.Matcher dims = java.util.regex.Pattern.compile("[?&]dims=([^&]*)").matcher(path);
        return dims.find() ? route + " " + dims.group(1) : route;
    }

    private static String month(LocalDate date)
    {
        return YearMonth.from(date).toString();
    }
}
