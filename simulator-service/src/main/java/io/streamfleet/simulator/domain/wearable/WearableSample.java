package io.streamfleet.simulator.domain.wearable;

import java.util.Map;

/** A non-camera, non-audio wearable sample as DESIGN.md defines it; {@code values} keeps its key order. */
public record WearableSample(String deviceId, String stream, long capturedAtNanos, Map<String, Double> values) {
}
