package io.streamfleet.eeg.domain;

import java.util.List;

/** A headset as {@code GET /eeg/headsets} shows it. */
public record HeadsetSummary(String headsetId, int sampleRateHz, List<String> channels, double framesPerSecond,
        long framesReceived, long lastSeenAt, Long lastWindowEnd, Boolean lastQualityOk) {
}
