package vn.dancu.model.cube;

/**
 * How a measure combines when cells are rolled up. Only re-aggregatable functions are allowed in a cube: a
 * coarser cuboid must be computable from a finer one, and rates are derived when served.
 */
public enum Aggregation
{
    SUM
}
