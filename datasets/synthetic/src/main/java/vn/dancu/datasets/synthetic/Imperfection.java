package vn.dancu.datasets.synthetic;

/**
 * The ordinary imperfections the generator puts in every extract, at bad-rate 0 too: plausible register errors that
 * pass ingest's validation and must be handled as data, not quarantined (docs/synthetic-register.md, "Ordinary
 * imperfections"). Each is drawn from the chunk's own imperfection stream at the rate given here, so it is seeded,
 * its rate is the documented one, and it leaves the simulated demography unchanged (only what the register records
 * differs). Faults ({@code --bad-rate}, {@link FaultKind}) are another matter: ingest must quarantine those.
 *
 * <p>Two more kinds come from the model's distributions rather than from a rate here: late registration (the delays
 * of {@code ChunkRegister#registrationDelay}) and temporary residents who have been temporary for years (2% of the
 * start households and 35% of arriving households are registered as {@code Tạm trú} and stay so).
 */
enum Imperfection
{
    /** Of deaths: the DEATH event is recorded but the residence was not struck off (status still Thường/Tạm trú). */
    DEAD_MARKED_RESIDENT(0.02),
    /** Of persons who leave the area: the MOVE_OUT is recorded but the person was not de-registered. */
    MOVED_OUT_MARKED_RESIDENT(0.03),
    /** Of households whose head dies: the book names no new head (the members keep their relation to the old one). */
    HEAD_NOT_REPLACED(0.10),
    /** Of heads of a household who join another one at marriage: they keep "Chủ hộ" there, so it has two heads. */
    HEAD_TITLE_KEPT(0.30),
    /** Of arriving households: registered first in another commune of the area and transferred home the same day. */
    SAME_DAY_TRANSFER(0.03),
    /** Of young adults arriving alone: registered at their lodging without a household book (no household_id). */
    NO_HOUSEHOLD_BOOK(0.15),
    /** Of local minority people born before 1980: the day of birth is unknown and recorded as 1 January. */
    BIRTH_DATE_FIRST_OF_JANUARY(0.25),
    /** The same for everyone else born before 1980. */
    BIRTH_DATE_FIRST_OF_JANUARY_OTHERS(0.03),
    /** Of persons: no religion recorded. */
    RELIGION_MISSING(0.015);

    /** Birth dates before this year may be recorded as 1 January. */
    static final int FIRST_OF_JANUARY_BEFORE = 1980;

    private final double rate;

    Imperfection(double rate)
    {
        this.rate = rate;
    }

    double rate()
    {
        return rate;
    }
}
