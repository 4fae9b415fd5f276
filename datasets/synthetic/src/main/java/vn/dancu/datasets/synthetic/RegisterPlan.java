package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.idnumber.IdNumberRules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How a register is cut into chunks: the communes of the area, the number of replicas, and the initial residents
 * of every chunk. Sizing: without {@code --persons}, one copy of the area follows the calibration (census anchor
 * grown at the model's growth rate to the period start); with {@code --persons N}, the period start holds N
 * residents discounted by the same growth, so that about N are resident at the period end.
 */
final class RegisterPlan
{
    /** Years simulated before the period start and not written (see {@link #burnInStartDay}). */
    static final int BURN_IN_YEARS = 25;

    /** Largest number of initial residents in one chunk. */
    static final int MAX_CHUNK_PERSONS = 4_000;

    final GeneratorOptions options;
    final Area area;
    final List<CommuneProfile> communes;
    final int replicas;
    final double initialResidentsPerReplica;
    final List<ChunkPlan> chunks;
    final int startDay;
    /**
     * The day the simulation starts: {@link #BURN_IN_YEARS} before the period start. Nothing before the period
     * start is written; the years before it let the start population settle into the model's own age, sex and
     * marriage structure (migration by sex and age shapes it), so that the period shows no warm-up.
     */
    final int burnInStartDay;
    /** Residents at the burn-in start per resident at the period start (the model's growth over the burn-in, undone). */
    final double burnInShrink;
    /** The model's annual growth over the burn-in and over the period (AreaModel). */
    final double burnInGrowth;
    final double periodGrowth;
    final int endDay;
    final int reformDay;
    final DemographicModel model = DemographicModel.calibrated();
    private final Map<String, Integer> homeSlots;
    private final List<String> homeCodes;

    private RegisterPlan(GeneratorOptions options, Area area, List<CommuneProfile> communes, int replicas,
            double initialResidentsPerReplica, List<ChunkPlan> chunks, Map<String, Integer> homeSlots, List<String> homeCodes)
    {
        this.options = requireNonNull(options, "options is null");
        this.area = area;
        this.communes = List.copyOf(communes);
        this.replicas = replicas;
        this.initialResidentsPerReplica = initialResidentsPerReplica;
        this.chunks = List.copyOf(chunks);
        this.homeSlots = Map.copyOf(homeSlots);
        this.homeCodes = List.copyOf(homeCodes);
        this.startDay = (int) options.periodStart().toEpochDay();
        LocalDate burnInStart = options.periodStart().minusYears(BURN_IN_YEARS);
        this.burnInStartDay = (int) burnInStart.toEpochDay();
        Area base = area.name().equals("national") ? Area.kontum() : area;
        this.burnInGrowth = AreaModel.burnInGrowth(base);
        this.periodGrowth = AreaModel.annualGrowth(base);
        this.burnInShrink = Math.exp(-burnInGrowth * (startDay - burnInStartDay) / DemographicModel.DAYS_PER_YEAR);
        this.endDay = (int) options.periodEnd().toEpochDay();
        this.reformDay = (int) Reorganisation2025.EFFECTIVE_DATE.toEpochDay();
    }

    static RegisterPlan of(GeneratorOptions options)
    {
        Area requested = options.area();
        Area base = requested.name().equals("national") ? Area.kontum() : requested;
        double atEndPerCopy = AreaModel.calibratedResidents(base, options.periodEnd());
        int replicas = 1;
        if (requested.name().equals("national")) {
            replicas = options.persons() == null
                    ? requested.replicas()
                    : (int) Math.max(1, Math.ceil(options.persons() / atEndPerCopy));
        }
        Area area = requested.name().equals("national") ? new Area("national", replicas) : requested;
        double growthToEnd = AreaModel.growthFactor(base, options.periodStart(), options.periodEnd());
        double initialPerReplica = options.persons() == null
                ? AreaModel.calibratedResidents(base, options.periodStart())
                : options.persons() / (double) replicas / growthToEnd;

        List<CommuneProfile> communes = AreaModel.communes(base);
        List<String> homeCodes = homeCodes(replicas);
        Map<String, Integer> slotsPerCode = new HashMap<>();
        List<ChunkPlan> chunks = new ArrayList<>();
        for (int replica = 1; replica <= replicas; replica++) {
            String homeCode = homeCodes.get(replica - 1);
            for (int c = 0; c < communes.size(); c++) {
                double persons = initialPerReplica * communes.get(c).share();
                int pieces = (int) Math.max(1, Math.ceil(persons / MAX_CHUNK_PERSONS));
                long done = 0;
                for (int piece = 1; piece <= pieces; piece++) {
                    long upTo = Math.round(persons * piece / pieces);
                    int size = (int) Math.max(1, upTo - done);
                    done = upTo;
                    int slot = slotsPerCode.merge(homeCode, 1, Integer::sum) - 1;
                    chunks.add(new ChunkPlan(chunks.size(), replica, c, size, homeCode, slot));
                }
            }
        }
        return new RegisterPlan(options, area, communes, replicas, initialPerReplica, chunks, slotsPerCode, homeCodes);
    }

    /**
     * ID province code of births registered in each replica: Kon Tum (062) for the real units; each further copy
     * stands for another province, taking the other 62 codes in turn, so that numbers stay unique at national size.
     */
    private static List<String> homeCodes(int replicas)
    {
        List<String> others = IdNumberRules.instance().provinceCodes().stream()
                .filter(code -> !code.equals(BirthProvinces.KON_TUM))
                .sorted()
                .toList();
        List<String> codes = new ArrayList<>();
        codes.add(BirthProvinces.KON_TUM);
        for (int replica = 2; replica <= replicas; replica++) {
            codes.add(others.get((replica - 2) % others.size()));
        }
        return codes;
    }

    /** The residents a chunk is planned to have on a day: its period-start residents at the model's growth rates. */
    double plannedResidents(ChunkPlan chunk, int day)
    {
        double years = (day - startDay) / DemographicModel.DAYS_PER_YEAR;
        double rate = day < startDay ? burnInGrowth : periodGrowth;
        return chunk.initialPersons() * Math.exp(rate * years);
    }

    int homeSlots(String homeCode)
    {
        return homeSlots.get(homeCode);
    }

    String homeCode(int replica)
    {
        return homeCodes.get(replica - 1);
    }

    /** The code of a commune on a day: the old code before 01/07/2025, its successor from then on. */
    String communeCode(int replica, int commune, int day)
    {
        CommuneProfile profile = communes.get(commune);
        return AdminCatalogue.replicaPrefix(replica) + (day >= reformDay ? profile.successorCode() : profile.code());
    }

    String oldCommuneCode(int replica, int commune)
    {
        return AdminCatalogue.replicaPrefix(replica) + communes.get(commune).code();
    }

    /** Pre-2025 codes of the area that the reform abolished (not reused for a new commune), for one replica. */
    List<String> abolishedCommuneCodes(int replica)
    {
        AdminCatalogue catalogue = AdminCatalogue.kontum();
        return communes.stream()
                .map(CommuneProfile::code)
                .filter(code -> catalogue.commune(code, Reorganisation2025.EFFECTIVE_DATE).isEmpty())
                .map(code -> AdminCatalogue.replicaPrefix(replica) + code)
                .toList();
    }

    /** Whether a move between two communes on {@code day} changes the commune code (after the reform some do not). */
    boolean isMove(int fromCommune, int toCommune, int day)
    {
        if (fromCommune == toCommune) {
            return false;
        }
        return day < reformDay || !communes.get(fromCommune).successorCode().equals(communes.get(toCommune).successorCode());
    }
}
