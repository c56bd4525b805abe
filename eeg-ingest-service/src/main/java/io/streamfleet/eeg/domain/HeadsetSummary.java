package io.streamfleet.eeg.domain;

import java.util.List;

/**
 * A headset as {@code GET /eeg/headsets} shows it. {@code framesSkippedStale} / {@code framesSkippedFuture}: frames
 * whose production time was older than the maximum frame age, or ahead of this instance's clock beyond the allowed
 * skew, when consumed; their samples still fill the window but {@code windowsSkipped} windows they completed were not
 * published.
 */
public record HeadsetSummary(String headsetId, int sampleRateHz, List<String> channels, double framesPerSecond,
        long framesReceived, long framesSkippedStale, long framesSkippedFuture, long windowsSkipped, long lastSeenAt,
        Long lastWindowEnd, Boolean lastQualityOk) {
}
