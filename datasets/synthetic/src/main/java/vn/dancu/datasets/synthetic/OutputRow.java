package vn.dancu.datasets.synthetic;

import static java.util.Objects.requireNonNull;

/**
 * A record ready to be written, with the fault injected into it if any.
 *
 * @param values   field values in column order (without record_id): String, LocalDate, Integer or null; a date
 *                 column may hold a String when the fault is an unparseable date
 * @param fault    the injected fault, or null
 */
record OutputRow(Object[] values, FaultKind fault)
{
    OutputRow
    {
        requireNonNull(values, "values is null");
    }

    static OutputRow clean(Object[] values)
    {
        return new OutputRow(values, null);
    }

    OutputRow withFault(FaultKind newFault)
    {
        return new OutputRow(values.clone(), newFault);
    }
}
