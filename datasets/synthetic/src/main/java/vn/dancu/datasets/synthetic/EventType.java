package vn.dancu.datasets.synthetic;

/** The five event types of the register extract. */
public enum EventType
{
    BIRTH, DEATH, MOVE_IN, MOVE_OUT, MOVE_WITHIN
}
