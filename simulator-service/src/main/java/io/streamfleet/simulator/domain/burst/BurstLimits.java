package io.streamfleet.simulator.domain.burst;

/** One source's burst protection: its rate limits, the fraction of records it keeps, and its priority class. */
public record BurstLimits(double messagesPerSecond, double bytesPerSecond, double sampleFraction,
        PriorityClass priority) {

    public BurstLimits {
        if (!(messagesPerSecond > 0) || !(bytesPerSecond > 0)) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        if (!(sampleFraction >= 0 && sampleFraction <= 1)) {
            throw new IllegalArgumentException("a sampling fraction is between 0 and 1, was " + sampleFraction);
        }
    }
}
