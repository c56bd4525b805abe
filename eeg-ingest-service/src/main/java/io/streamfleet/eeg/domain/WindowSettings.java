package io.streamfleet.eeg.domain;

import java.time.Duration;

/**
 * The sliding window: its length and the hop between consecutive windows. Both are durations and are turned into
 * whole samples for each sample rate (rounded); the defaults, 2 s and 200 ms, are whole samples at both 250 Hz
 * (500 / 50) and 125 Hz (250 / 25).
 */
public record WindowSettings(Duration length, Duration hop) {

    public static final WindowSettings DEFAULTS = new WindowSettings(Duration.ofSeconds(2), Duration.ofMillis(200));

    public WindowSettings {
        if (hop.isZero() || hop.isNegative() || hop.compareTo(length) > 0) {
            throw new IllegalArgumentException("the hop must be positive and at most the window length");
        }
    }

    public int lengthSamples(int sampleRateHz) {
        return Math.max(2, samples(length, sampleRateHz));
    }

    public int hopSamples(int sampleRateHz) {
        return Math.max(1, samples(hop, sampleRateHz));
    }

    private static int samples(Duration duration, int sampleRateHz) {
        return (int) Math.round(duration.toNanos() * sampleRateHz / 1e9);
    }
}
