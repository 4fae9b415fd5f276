package vn.dancu.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of checking the hash chain of the audit log.
 *
 * @param mode        {@code incremental} (from the last checkpoint on) or {@code full} (from the oldest segment present)
 * @param entries     entries checked this time
 * @param intact      true when every entry checked follows from the one before it (and the checkpoint still holds)
 * @param fromSeq     first seq checked (null when there was nothing to check)
 * @param toSeq       last seq checked and found intact
 * @param brokenAtSeq the seq where the chain breaks (the entry expected there)
 * @param segment     the file in which it breaks
 * @param offset      the byte offset in that file of the line that breaks it
 * @param problem     what is wrong, in words
 * @param checkpoint  the hash of the last entry found intact (written to the checkpoints): copied off the machine, it
 *                    lets anyone later show that the log up to {@code toSeq} was not rewritten since
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(String mode, long entries, boolean intact, Long fromSeq, Long toSeq, Long brokenAtSeq, String segment, Long offset,
        String problem, String checkpoint)
{
    static Verification broken(String mode, long entries, Long fromSeq, Long toSeq, long seq, String segment, long offset, String problem)
    {
        return new Verification(mode, entries, false, fromSeq, toSeq, seq, segment, offset, problem, null);
    }
}
