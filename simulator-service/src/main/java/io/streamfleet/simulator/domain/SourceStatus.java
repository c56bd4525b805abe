package io.streamfleet.simulator.domain;

/**
 * What an operator sees of one simulated source. {@code sent} counts records handed to Kafka; each ends up
 * {@code acknowledged} by the broker or {@code failed}; {@code dropped} counts records never sent because too many
 * were still in flight (the broker is slow or down), so the source neither blocks nor grows memory.
 */
public record SourceStatus(String stream, String topic, boolean running, double targetPerSecond, long sent,
        long acknowledged, long failed, long dropped, Long lastSentAt) {
}
