package io.streamfleet.eeg.domain;

import java.util.List;
import java.util.Map;

/**
 * The {@code eeg-features} record value (docs/contracts.md): band powers per channel (in channel order) of one window,
 * and the window's signal quality. {@code windowStart}/{@code windowEnd} are device times (epoch ms) of the first
 * sample and one sample period after the last.
 */
public record EegFeatures(String headsetId, long windowStart, long windowEnd, int sampleRateHz, List<String> channels,
        Map<String, BandPowers> bands, SignalQuality quality) {
}
