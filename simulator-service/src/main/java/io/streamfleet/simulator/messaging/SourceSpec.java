package io.streamfleet.simulator.messaging;

import io.streamfleet.simulator.domain.burst.SourceKind;

/**
 * How a source presents itself to the burst protection: its stream name (control API, metrics tag), the outgoing
 * channel whose producer it uses (for the compression it shows), its default topic, kind, target rate and autostart.
 */
public record SourceSpec(String stream, String channel, String topic, SourceKind kind, double ratePerSecond,
        boolean autostart) {
}
