package vn.dancu.datasets.ethnic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthnicGroupsTest
{
    private final EthnicGroups groups = EthnicGroups.instance();

    @Test
    void has54GroupsCodedByThe1979List()
    {
        assertEquals(54, groups.all().size());
        assertEquals("01", groups.all().get(0).code());
        assertEquals("54", groups.all().get(53).code());
        assertEquals("Kinh", groups.find("01").orElseThrow().nameVi());
        assertEquals("Ba Na", groups.find("13").orElseThrow().nameVi());
        assertEquals("Xơ Đăng", groups.find("14").orElseThrow().nameVi());
        assertEquals("Rơ Măm", groups.find("54").orElseThrow().nameVi());
    }

    @Test
    void unknownCodesAreNotGroups()
    {
        assertFalse(groups.isKnown("00"));
        assertFalse(groups.isKnown("55"));
        assertFalse(groups.isKnown("56"));
        assertFalse(groups.isKnown(null));
        assertTrue(groups.isKnown("27"));
    }

    @Test
    void konTumCensusCountsAddUpToTheSourceTotal()
    {
        long total = groups.all().stream().mapToLong(EthnicGroup::censusKonTum2019).sum();
        assertEquals(540_411, total);
        assertEquals(133_117, groups.find("14").orElseThrow().censusKonTum2019());
    }
}
