package vn.dancu.engine.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicationGateTest
{
    private static final PlausibilityLimits LIMITS = PlausibilityLimits.DEFAULTS;

    /** The demo register of 30/11/2026: 39,101 person records, 34,352 residents in the three communes. */
    private static SnapshotFigures november()
    {
        return new SnapshotFigures("s20261130-aaaaaaaaaa", LocalDate.of(2026, 11, 30), "konray", 39_101, 39_101, 19_512, 19_512,
                Map.of("23479", 10_363L, "23485", 6_400L, "23497", 17_589L));
    }

    private static SnapshotFigures december(long persons, long accepted, long events, long eventsAccepted, long rve, long koi, long braih)
    {
        return new SnapshotFigures("s20261231-bbbbbbbbbb", LocalDate.of(2026, 12, 31), "konray", persons, accepted, events, eventsAccepted,
                Map.of("23479", rve, "23485", koi, "23497", braih));
    }

    @Test
    void anOrdinaryNextMonthPasses()
    {
        PublicationGate.Verdict verdict = PublicationGate.judge(december(39_250, 39_250, 19_690, 19_690, 10_391, 6_410, 17_640),
                Optional.of(november()), LIMITS);

        assertTrue(verdict.publishable());
        assertEquals(List.of(), verdict.overridden());
        assertEquals("compared with snapshot s20261130-aaaaaaaaaa: population 34,352 on 2026-11-30 → 34,441 on 2026-12-31 (+0.3 %)",
                verdict.comparison());
    }

    @Test
    void anExtractFromWhichOneInEighteenPersonsVanishedIsRefused()
    {
        // 5.6 % of the person records gone, spread over the communes
        PublicationGate.Verdict verdict = PublicationGate.judge(december(36_911, 36_911, 19_512, 19_512, 9_783, 6_042, 16_604),
                Optional.of(november()), LIMITS);

        assertFalse(verdict.publishable());
        assertEquals("refused to publish snapshot s20261231-bbbbbbbbbb: the population on 2026-12-31 is 32,429, 5.6 % below the 34,352 of the"
                + " current snapshot on 2026-11-30 (the limit is 3 %). Nothing was published: snapshot s20261130-aaaaaaaaaa stays current."
                + " If the change is real, run again with --accept-drop.", verdict.message());
    }

    @Test
    void aCommuneThatLostAQuarterOfItsPeopleIsRefusedEvenWhenTheTotalIsWithinItsLimit()
    {
        PublicationGate.Verdict verdict = PublicationGate.judge(december(39_101, 39_101, 19_512, 19_512, 10_363, 4_800, 18_700),
                Optional.of(november()), LIMITS);

        assertEquals("refused to publish snapshot s20261231-bbbbbbbbbb: the population of 1 commune changed by more than 10 % (and 50 persons)"
                + " against the current snapshot: 23485 6,400 → 4,800 (−25.0 %). Nothing was published: snapshot s20261130-aaaaaaaaaa stays"
                + " current. If the change is real, run again with --accept-drop.", verdict.message());
    }

    @Test
    void aFallOfTheAcceptedShareIsRefusedAndNamesTheTable()
    {
        PublicationGate.Verdict verdict = PublicationGate.judge(december(39_300, 36_000, 19_700, 19_600, 10_363, 6_400, 17_589),
                Optional.of(november()), LIMITS);

        assertEquals(List.of("the share of person records accepted fell from 100.0 % to 91.6 % (8.4 points; the limit is 5)"),
                verdict.refused().stream().map(PublicationGate.Finding::text).toList());
    }

    @Test
    void acceptDropPublishesAndRecordsWhatWasAccepted()
    {
        PublicationGate.Verdict verdict = PublicationGate.judge(december(36_911, 36_911, 19_512, 19_512, 9_783, 6_042, 16_604),
                Optional.of(november()), LIMITS.withAcceptChange(true));

        assertTrue(verdict.publishable());
        assertEquals(List.of("the population on 2026-12-31 is 32,429, 5.6 % below the 34,352 of the current snapshot on 2026-11-30 (the limit is 3 %)"),
                verdict.overridden().stream().map(PublicationGate.Finding::text).toList());
    }

    @Test
    void aFirstExtractWithoutAcceptedPersonsIsRefusedWithoutAWayAround()
    {
        SnapshotFigures empty = new SnapshotFigures("s20261130-cccccccccc", LocalDate.of(2026, 11, 30), "konray", 39_101, 0, 19_512, 0, Map.of());

        PublicationGate.Verdict verdict = PublicationGate.judge(empty, Optional.empty(), LIMITS.withAcceptChange(true));

        assertEquals("refused to publish snapshot s20261130-cccccccccc: no person record was accepted (0 of 39,101 read). Nothing was published"
                + " (there is no current snapshot). An extract without accepted persons cannot be published: check the persons file and its"
                + " quarantine.", verdict.message());
    }

    @Test
    void aFirstExtractBelowTheFloorOfAcceptedRecordsIsRefused()
    {
        SnapshotFigures poor = new SnapshotFigures("s20261130-dddddddddd", LocalDate.of(2026, 11, 30), "konray", 39_101, 12_000, 19_512, 19_000,
                Map.of("23479", 12_000L));

        PublicationGate.Verdict verdict = PublicationGate.judge(poor, Optional.empty(), LIMITS);

        assertEquals("refused to publish snapshot s20261130-dddddddddd: only 30.7 % of the person records were accepted (12,000 of 39,101),"
                + " below the floor of 40 %. Nothing was published (there is no current snapshot). If so many rejected records are expected,"
                + " run again with --min-accepted-share set below the share found.", verdict.message());
        assertTrue(PublicationGate.judge(poor, Optional.empty(), new PlausibilityLimits(30, 5, 3, 10, 50, false)).publishable());
    }

    @Test
    void aSnapshotOfAnotherAreaIsNotComparedWith()
    {
        SnapshotFigures province = new SnapshotFigures("s20261130-eeeeeeeeee", LocalDate.of(2026, 11, 30), "kontum", 600_000, 600_000, 300_000,
                300_000, Map.of("23479", 10_363L));

        PublicationGate.Verdict verdict = PublicationGate.judge(december(39_101, 39_101, 19_512, 19_512, 10_363, 6_400, 17_589),
                Optional.of(province), LIMITS);

        assertTrue(verdict.publishable());
        assertEquals("not compared with the current snapshot s20261130-eeeeeeeeee, which is of another area (kontum)", verdict.comparison());
    }
}
