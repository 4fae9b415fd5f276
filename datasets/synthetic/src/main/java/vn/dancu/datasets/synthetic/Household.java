package vn.dancu.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * A household book during the simulation: its resident members, its head and its commune, and what the register
 * records of it, which may lag behind (see {@link Imperfection}).
 */
final class Household
{
    final int index;
    final String id;
    int commune;
    int head = SimulatedPerson.NONE;
    /** The person the book names as head: the head, unless a new head was not recorded (it may be someone gone). */
    int recordedHead = SimulatedPerson.NONE;
    /** A lodger registered without a household book: its members have no household_id until someone joins them. */
    boolean withoutBook;
    final List<Integer> members = new ArrayList<>(6);

    Household(int index, String id, int commune)
    {
        this.index = index;
        this.id = id;
        this.commune = commune;
    }
}
