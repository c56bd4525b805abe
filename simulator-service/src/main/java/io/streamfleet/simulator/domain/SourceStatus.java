package io.streamfleet.simulator.domain;

/**
 * What an operator sees of one simulated source. Every generated record is either sampled out, dropped (rate limited,
 * refused by a full outbox, or evicted from it by a more important record), still queued, or sent; every sent record
 * ends up acknowledged by the broker or failed. Rates are over the last complete second.
 */
public record SourceStatus(String stream, String topic, String kind, String priority, String state, boolean running,
        double targetPerSecond, double actualPerSecond, double bytesPerSecond, long generated, long sampledOut,
        long sent, long acknowledged, long failed, long dropped, Drops droppedBy, long queueDepth, long queueBytes,
        Limits limits, Long lastSentAt) {

    /** Drops by reason. */
    public record Drops(long rateLimited, long queueFull, long evicted) {
    }

    /** The burst protection in force for this source. */
    public record Limits(double messagesPerSecond, double bytesPerSecond, double sampleFraction, String compression) {
    }
}
