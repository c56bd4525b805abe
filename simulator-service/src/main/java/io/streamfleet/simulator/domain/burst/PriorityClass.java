package io.streamfleet.simulator.domain.burst;

/**
 * How precious a source's records are when the outbox is full: later constants are given up first, so images go
 * before sensor samples, and sensor samples before telemetry.
 */
public enum PriorityClass {
    TELEMETRY,
    SENSOR,
    IMAGE;

    /** True when this class is dropped to make room for {@code other}. */
    public boolean yieldsTo(PriorityClass other) {
        return ordinal() > other.ordinal();
    }
}
