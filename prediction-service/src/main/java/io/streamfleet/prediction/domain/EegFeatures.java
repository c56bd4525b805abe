package io.streamfleet.prediction.domain;

import java.util.List;
import java.util.Map;

/**
 * One window of band powers as eeg-ingest publishes it (docs/contracts.md, "eeg-features value"): absolute band
 * powers in µV² per channel and band, and whether the window's signal can be trusted.
 */
public record EegFeatures(String headsetId, long windowStart, long windowEnd, double sampleRateHz,
        List<String> channels, Map<String, Map<String, Double>> bands, Quality quality) {

    public record Quality(boolean ok, int droppedFrames, List<String> railingChannels, List<String> flatChannels) {
    }
}
