package vn.dancu.datasets.synthetic;

/** The state of one person during a chunk's simulation (mutable; never leaves the simulation). */
final class SimulatedPerson
{
    static final int NONE = -1;

    final int index;
    final boolean female;
    final int birthDay;
    final String ethnicityCode;
    final String religion;
    final String idNumber;
    final String fullName;
    final int mother;
    final int father;

    int spouse = NONE;
    boolean partnered;
    Household household;
    int commune;
    /** First day no longer resident (the day of death or of moving out); {@link Integer#MAX_VALUE} while resident. */
    int exitDay = Integer.MAX_VALUE;
    EventType exitType;
    String householdIdAtExit;
    String relationAtExit;
    int lastBirthDay = Integer.MIN_VALUE / 2;
    /** Last day of a MOVE_WITHIN of this person (no second one is made the same day: ingest would see a duplicate). */
    int lastMoveWithinDay = Integer.MIN_VALUE;
    /** Recorded as "Chủ hộ" of a household it joined, although someone else heads it ({@link Imperfection#HEAD_TITLE_KEPT}). */
    boolean keepsHeadTitle;
    boolean hasEvents;
    boolean isMother;
    boolean temporaryResident;
    /**
     * Age at which a woman of the start population marries, decided when she was created (NaN: not decided, drawn when
     * her marriage is scheduled); {@link Double#POSITIVE_INFINITY} for a woman who never marries.
     */
    double plannedMarriageAge = Double.NaN;
    /** Commune on 30/06/2025 (the last day before the reform), or NONE when not resident then. */
    int communeOnReformEve = NONE;

    SimulatedPerson(int index, boolean female, int birthDay, String ethnicityCode, String religion, String idNumber,
            String fullName, int mother, int father)
    {
        this.index = index;
        this.female = female;
        this.birthDay = birthDay;
        this.ethnicityCode = ethnicityCode;
        this.religion = religion;
        this.idNumber = idNumber;
        this.fullName = fullName;
        this.mother = mother;
        this.father = father;
    }

    boolean resident()
    {
        return exitType == null;
    }

    int age(int day)
    {
        return DemographicModel.ageInYears(birthDay, day);
    }
}
