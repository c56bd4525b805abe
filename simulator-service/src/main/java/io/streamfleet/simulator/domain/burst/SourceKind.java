package io.streamfleet.simulator.domain.burst;

/**
 * What a source produces, which decides its defaults: the priority class under pressure and whether sampling applies
 * (images and high-rate sensors are sampled by default, everything else is kept whole).
 */
public enum SourceKind {
    TELEMETRY(PriorityClass.TELEMETRY),
    SENSOR(PriorityClass.SENSOR),
    HIGH_RATE_SENSOR(PriorityClass.SENSOR),
    IMAGE(PriorityClass.IMAGE);

    private final PriorityClass priority;

    SourceKind(PriorityClass priority) {
        this.priority = priority;
    }

    public PriorityClass priority() {
        return priority;
    }
}
