package vn.dancu.datasets.synthetic;

/**
 * One independent piece of the register: households of one commune of one replica, simulated with their own
 * random stream. A person never leaves its chunk (moves between communes only change its commune).
 *
 * @param index          position in the register (0-based); the output is written in this order
 * @param replica        copy of the area (1 = the real units; r ≥ 2 has codes prefixed {@code R<r>.})
 * @param communeIndex   home commune (index into the plan's communes); households start and arrive there
 * @param initialPersons residents to create at the period start
 * @param homeCode       ID province code of births registered in the area
 * @param homeSlot       this chunk's window among the chunks of the same home code
 */
record ChunkPlan(int index, int replica, int communeIndex, int initialPersons, String homeCode, int homeSlot)
{
    ChunkPlan
    {
        if (index < 0 || replica < 1 || communeIndex < 0 || initialPersons < 1 || homeSlot < 0) {
            throw new IllegalArgumentException("invalid chunk plan " + index);
        }
    }
}
