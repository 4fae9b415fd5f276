package vn.dancu.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;

/** A household book during the simulation: its resident members, its head and its commune. */
final class Household
{
    final int index;
    final String id;
    int commune;
    int head = SimulatedPerson.NONE;
    final List<Integer> members = new ArrayList<>(6);

    Household(int index, String id, int commune)
    {
        this.index = index;
        this.id = id;
        this.commune = commune;
    }
}
