package vn.dancu.datasets.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.synthetic.RegisterAnalysis.Person;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole province, and Kon Tum replicated to national size. */
class ScaleTest
{
    private static GeneratorOptions options(Path folder, Area area, Long persons)
    {
        return GeneratorOptions.defaults(folder, KonRayRegisterTest.TODAY).withArea(area, persons);
    }

    @Test
    void calibratedKonTumHasTheCensusPopulationOnCensusDay(@TempDir Path folder)
    {
        RegisterPlan plan = RegisterPlan.of(options(folder, Area.kontum(), null));
        double atCensus = plan.initialResidentsPerReplica * AreaModel.growthFactor(Area.kontum(), plan.options.periodStart(), KonRayRegisterTest.CENSUS);
        assertEquals(540_438, atCensus, 1);
        assertEquals(102, plan.communes.size());
        assertEquals("kontum", plan.area.toString());
    }

    @Test
    void konTumRegisterHasTheProvincesEthnicMixAndEveryCommune(@TempDir Path folder) throws IOException
    {
        GeneratorOptions options = options(folder, Area.kontum(), 40_000L);
        GenerationSummary summary = RegisterGenerator.generate(options);
        assertTrue(Math.abs(summary.residentsAtEnd() - 40_000) <= 0.04 * 40_000, "residents at end " + summary.residentsAtEnd());
        RegisterAnalysis analysis = new RegisterAnalysis(RegisterFiles.read(folder, "persons"), RegisterFiles.read(folder, "events"),
                AdminCatalogue.kontum());
        LocalDate census = KonRayRegisterTest.CENSUS;
        long residents = analysis.residents(census);
        Map<String, Double> expected = Map.of("01", 0.451, "14", 0.246, "13", 0.127, "27", 0.073, "10", 0.048);
        expected.forEach((code, share) -> {
            double actual = (double) analysis.residents(census, person -> person.ethnicity().equals(code)) / residents;
            assertTrue(Math.abs(actual - share) <= 0.035, "ethnic group " + code + ": " + actual + " vs census " + share);
        });
        Set<String> communes = new HashSet<>();
        for (Person person : analysis.persons.values()) {
            if (person.residentOn(census)) {
                communes.add(analysis.communeOn(person, census, options.periodStart(), options.periodEnd()));
            }
        }
        assertEquals(102, communes.size());
        assertEquals(Set.of("51"), Set.copyOf(AdminCatalogue.kontum().units(vn.dancu.datasets.geo.UnitLevel.PROVINCE,
                options.periodEnd()).stream().map(vn.dancu.datasets.geo.AdminUnit::code).toList()));
    }

    @Test
    void aPeriodBeforeTheReformUsesOnlyTheOldUnits(@TempDir Path folder) throws IOException
    {
        GeneratorOptions options = new GeneratorOptions(folder, Area.konray(), 2_000L, 7, LocalDate.of(2001, 1, 1),
                LocalDate.of(2010, 12, 31), RegisterFormat.CSV, 0.02);
        RegisterGenerator.generate(options);
        AdminCatalogue catalogue = AdminCatalogue.kontum();
        for (RegisterFiles.Row person : RegisterFiles.read(folder, "persons")) {
            if (!person.values().isEmpty() && person.get("commune_code").startsWith("234")) {
                String commune = person.get("commune_code").strip();   // a padded-spaces fault is repairable
                assertTrue(catalogue.commune(commune, options.periodEnd()).isPresent(), person.toString());
                assertEquals(null, person.get("former_commune_code"));
            }
        }
        List<RegisterFiles.Row> events = RegisterFiles.read(folder, "events");
        assertTrue(events.stream().anyMatch(event -> "BIRTH".equals(event.get("event_type"))));
        for (RegisterFiles.Row event : events) {
            if (!event.values().isEmpty() && event.get("other_place") != null) {
                assertTrue(IdNumberRules.instance().isProvinceCode("0" + event.get("other_place")), event.toString());
            }
        }
    }

    @Test
    void aPeriodAfterTheReformUsesOnlyTheNewUnitsAndKeepsTheFormerCommune(@TempDir Path folder) throws IOException
    {
        GeneratorOptions options = new GeneratorOptions(folder, Area.konray(), 1_000L, 3, LocalDate.of(2025, 9, 1),
                LocalDate.of(2026, 8, 31), RegisterFormat.JSONL, 0);
        RegisterGenerator.generate(options);
        Set<String> newCommunes = Set.of("23479", "23485", "23497");
        for (RegisterFiles.Row person : RegisterFiles.read(folder, "persons")) {
            assertTrue(newCommunes.contains(person.get("commune_code")), person.toString());
        }
        for (RegisterFiles.Row event : RegisterFiles.read(folder, "events")) {
            assertTrue(newCommunes.contains(event.get("commune_code")), event.toString());
        }
    }

    @Test
    void hundredMillionPersonsReplicateKonTumIntoChunksOfAtMost4000(@TempDir Path folder)
    {
        RegisterPlan plan = RegisterPlan.of(options(folder, Area.parse("national"), 100_000_000L));
        double perCopyAtEnd = AreaModel.calibratedResidents(Area.kontum(), plan.options.periodEnd());
        int replicas = (int) Math.ceil(100_000_000 / perCopyAtEnd);
        assertEquals(replicas, plan.replicas);
        assertEquals("national:" + replicas, plan.area.toString());
        long initial = plan.chunks.stream().mapToLong(ChunkPlan::initialPersons).sum();
        double atEnd = initial * AreaModel.growthFactor(Area.kontum(), plan.options.periodStart(), plan.options.periodEnd());
        assertEquals(100_000_000, atEnd, 0.001 * 100_000_000);
        assertTrue(plan.chunks.stream().allMatch(chunk -> chunk.initialPersons() <= RegisterPlan.MAX_CHUNK_PERSONS));
        assertEquals("062", plan.homeCode(1));
        Set<String> homeCodes = new HashSet<>();
        for (int replica = 1; replica <= replicas; replica++) {
            assertTrue(IdNumberRules.instance().isProvinceCode(plan.homeCode(replica)));
            homeCodes.add(plan.homeCode(replica));
        }
        assertEquals(63, homeCodes.size());
    }

    @Test
    void chunksOfReplicasThatShareAHomeProvinceNeverShareAnIdNumber(@TempDir Path folder)
    {
        RegisterPlan plan = RegisterPlan.of(options(folder, Area.parse("national"), 100_000_000L));
        AdminCatalogue catalogue = AdminCatalogue.kontum().withReplicas(plan.replicas);
        ChunkPlan second = plan.chunks.stream().filter(chunk -> chunk.replica() == 2).findFirst().orElseThrow();
        ChunkPlan sixtyFourth = plan.chunks.stream().filter(chunk -> chunk.replica() == 64).findFirst().orElseThrow();
        ChunkPlan last = plan.chunks.get(plan.chunks.size() - 1);
        assertEquals(plan.homeCode(2), plan.homeCode(64));
        Map<String, Integer> owners = new HashMap<>();
        IdNumberRules rules = IdNumberRules.instance();
        for (ChunkPlan chunk : List.of(second, sixtyFourth, last)) {
            ChunkRegister register = new ChunkSimulation(plan, chunk).run();
            String prefix = AdminCatalogue.replicaPrefix(chunk.replica());
            for (PersonRecord person : register.persons()) {
                Integer owner = owners.put(person.idNumber(), chunk.index());
                assertTrue(owner == null, person.idNumber() + " in chunks " + owner + " and " + chunk.index());
                IdNumberRules.Sex sex = person.sex().equals(PersonRecord.FEMALE) ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE;
                assertEquals(List.of(), rules.check(person.idNumber(), sex, person.birthDate()));
                assertTrue(person.communeCode().startsWith(prefix), person.communeCode());
            }
            for (EventRecord event : register.events()) {
                assertTrue(catalogue.commune(event.communeCode(), event.eventDate()).isPresent(), event.toString());
            }
            assertTrue(register.persons().stream().filter(person -> person.idNumber().startsWith(chunk.homeCode())).count()
                    > register.persons().size() / 2, "most are born in the replica's home province");
        }
        assertTrue(Reorganisation2025.after(plan.options.periodEnd()));
    }
}
