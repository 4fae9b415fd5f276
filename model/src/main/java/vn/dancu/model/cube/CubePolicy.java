package vn.dancu.model.cube;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who may read a cube and how its cells are protected, as data of the descriptor (as Kylin's {@code cube_desc} holds
 * its model): the measure that counts people (a cell's protection follows it), the unit that measure counts in, the
 * audience, and the moves of a migration cube that stay inside one unit.
 *
 * <p>A descriptor without a policy is read with {@link #restricted()}: shown only to the roles that see exact counts,
 * never to the public unprotected.
 *
 * @param countedMeasure the measure disclosure control reads; null for a cube that counts no people (records of the
 *                       ingest) or holds model outputs
 * @param disclosureUnit what the counted measure counts, so that the threshold in persons is converted to it
 * @param audience       the roles that may read the cube
 * @param internalMoves  for a cube of moves, how to recognise a move within one unit of the asked geography (it is
 *                       not migration at that level); null otherwise
 * @param linkedBlock    cubes of one linked block are protected together, with one suppression pattern, since their
 *                       cells are linked: {@code residents} (cubes counting the same residents at a month end),
 *                       {@code flows} (the flows whose sum over a year is the change of the population); null for a
 *                       cube protected alone
 */
public record CubePolicy(String countedMeasure, DisclosureUnit disclosureUnit, Audience audience, InternalMoves internalMoves, String linkedBlock)
{
    public CubePolicy
    {
        disclosureUnit = disclosureUnit == null ? DisclosureUnit.PERSONS : disclosureUnit;
        requireNonNull(audience, "audience is null");
    }

    /** The policy of a descriptor that declares none: exact counts only, no disclosure control. */
    public static CubePolicy restricted()
    {
        return new CubePolicy(null, DisclosureUnit.PERSONS, Audience.EXACT_COUNTS, null, null);
    }

    public Optional<String> counted()
    {
        return Optional.ofNullable(countedMeasure);
    }

    public Optional<String> block()
    {
        return Optional.ofNullable(linkedBlock);
    }

    public Optional<InternalMoves> moves()
    {
        return Optional.ofNullable(internalMoves);
    }

    /** What a counted measure counts; the disclosure threshold is given in persons. */
    public enum DisclosureUnit
    {
        /** People or events: compared to the threshold as it is. */
        PERSONS,
        /** Days lived (person-years × 365.25): a cell is small when it holds less than the threshold in person-years. */
        PERSON_DAYS;

        public static final double DAYS_PER_PERSON_YEAR = 365.25;

        /** The threshold in this unit, for a threshold in persons. */
        public long threshold(int persons)
        {
            return switch (this) {
                case PERSONS -> persons;
                case PERSON_DAYS -> (long) Math.ceil(persons * DAYS_PER_PERSON_YEAR);
            };
        }
    }

    /** The roles that may read a cube (the roles themselves are the server's). */
    public enum Audience
    {
        /** Every role, with disclosure control for the roles that do not see exact counts. */
        EVERYONE,
        /** The roles that see the data quality of the ingest (leader, statistician, admin). */
        DATA_QUALITY,
        /** Only the roles that see exact counts (statistician, admin). */
        EXACT_COUNTS
    }

    /**
     * Moves between two units of a cube of moves: a row whose {@code flow} is one of {@code flows} moved from the unit of
     * dimension {@code from} to that of dimension {@code to}; when both fall in one unit of the asked geography (a
     * merged commune, the whole area) it is no migration at that level.
     */
    public record InternalMoves(String from, String to, String flow, List<String> flows)
    {
        public InternalMoves
        {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(flow, "flow is null");
            flows = List.copyOf(requireNonNull(flows, "flows is null"));
        }
    }
}
