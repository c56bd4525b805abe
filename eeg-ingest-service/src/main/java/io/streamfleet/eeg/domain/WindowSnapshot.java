package io.streamfleet.eeg.domain;

import java.util.List;

/**
 * A completed window of one headset, ready for feature extraction: the raw samples per channel, oldest first
 * ({@code samples[channel][i]}), the device times of its edges, how many frames are missing inside it, and the origin
 * of the frame that completed it.
 */
public record WindowSnapshot(String headsetId, int sampleRateHz, List<String> channels, double[][] samples,
        long windowStart, long windowEnd, int droppedFrames, FrameOrigin newestFrame) {
}
