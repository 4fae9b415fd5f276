package vn.dancu.datasets.geo;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminCatalogueTest
{
    private static final LocalDate BEFORE = LocalDate.of(2025, 6, 30);
    private static final LocalDate AFTER = LocalDate.of(2025, 7, 1);
    private final AdminCatalogue catalogue = AdminCatalogue.kontum();

    @Test
    void wholeProvinceIsInTheCatalogueBeforeTheReform()
    {
        assertEquals(1, catalogue.units(UnitLevel.PROVINCE, BEFORE).size());
        assertEquals("62", catalogue.units(UnitLevel.PROVINCE, BEFORE).get(0).code());
        assertEquals(10, catalogue.units(UnitLevel.DISTRICT, BEFORE).size());
        assertEquals(102, catalogue.units(UnitLevel.COMMUNE, BEFORE).size());
        assertEquals(102, catalogue.units(UnitLevel.COMMUNE, LocalDate.of(2010, 1, 1)).size());
    }

    @Test
    void fromTheReformKonTumIsPartOfQuangNgaiWithFortyCommunesAndNoDistricts()
    {
        assertEquals(List.of("51"), catalogue.units(UnitLevel.PROVINCE, AFTER).stream().map(AdminUnit::code).toList());
        assertEquals(0, catalogue.units(UnitLevel.DISTRICT, AFTER).size());
        assertEquals(40, catalogue.units(UnitLevel.COMMUNE, AFTER).size());
        for (AdminUnit commune : catalogue.units(UnitLevel.COMMUNE, AFTER)) {
            assertEquals("51", catalogue.ancestor(commune, UnitLevel.PROVINCE, AFTER).orElseThrow().code(), commune.code());
        }
    }

    @Test
    void everyKonTumCommuneResolvesBeforeTheReformAndItsSuccessorAfter()
    {
        for (AdminUnit old : catalogue.units(UnitLevel.COMMUNE, BEFORE)) {
            assertTrue(catalogue.commune(old.code(), BEFORE).isPresent(), old.code());
            assertEquals("62", catalogue.ancestor(old, UnitLevel.PROVINCE, BEFORE).orElseThrow().code(), old.code());
            String successor = catalogue.successorCode(old.code());
            AdminUnit next = catalogue.commune(successor, AFTER).orElseThrow();
            assertEquals(AFTER, next.validFrom());
            assertTrue(catalogue.predecessors(successor).contains(old), old.code() + " → " + successor);
        }
    }

    @Test
    void everyOldKonRayUnitMapsToExactlyOneOfTheThreeNewCommunes()
    {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "23479", "23479", "23491", "23479",
                "23482", "23485", "23485", "23485",
                "23488", "23497", "23494", "23497", "23497", "23497"));
        Map<String, String> actual = new TreeMap<>();
        for (AdminUnit old : Area.konray().communes(catalogue, BEFORE)) {
            actual.put(old.code(), catalogue.successorCode(old.code()));
        }
        assertEquals(expected, actual);
        assertEquals(List.of("Xã Đăk Rve", "Xã Đăk Kôi", "Xã Kon Braih"),
                Area.konray().communes(catalogue, AFTER).stream().map(AdminUnit::name).toList());
    }

    @Test
    void reusedCodeResolvesToTheUnitInForceOnTheDate()
    {
        assertEquals("Xã Đắk Tơ Lung", catalogue.commune("23485", BEFORE).orElseThrow().name());
        assertEquals("Xã Đăk Kôi", catalogue.commune("23485", AFTER).orElseThrow().name());
        assertEquals(2, catalogue.versions(UnitLevel.COMMUNE, "23485").size());
        assertTrue(catalogue.commune("23482", AFTER).isEmpty(), "Đắk Kôi's old code is abolished");
        assertEquals("614", catalogue.commune("23482", BEFORE).orElseThrow().parentCode());
    }

    @Test
    void konRayIsOneTownAndSixCommunesBeforeTheReform()
    {
        List<AdminUnit> communes = Area.konray().communes(catalogue, BEFORE);
        assertEquals(7, communes.size());
        Set<String> types = new TreeSet<>();
        communes.forEach(commune -> types.add(commune.type() + ":" + commune.code()));
        assertEquals(Set.of("Thị trấn:23479", "Xã:23482", "Xã:23485", "Xã:23488", "Xã:23491", "Xã:23494", "Xã:23497"), types);
    }

    @Test
    void replicasPrefixCodesAndKeepTheStructure()
    {
        AdminCatalogue three = catalogue.withReplicas(3);
        assertEquals(3 * 102, three.units(UnitLevel.COMMUNE, BEFORE).size());
        assertEquals(3 * 40, three.units(UnitLevel.COMMUNE, AFTER).size());
        assertEquals("R3.23485", three.successorCode("R3.23482"));
        assertEquals("R2.614", three.commune("R2.23482", BEFORE).orElseThrow().parentCode());
        assertFalse(three.commune("R2.23482", AFTER).isPresent());
    }
}
