package io.streamfleet.simulator.domain.eeg;

import java.util.List;

/**
 * One EEG frame as DESIGN.md defines it on {@code eeg-brainwave-data}: {@code samples[i][c]} is sample {@code i} of
 * channel {@code c} in µV; {@code firstSampleAt} is the device time (epoch ms) of sample 0.
 */
public record EegFrame(String headsetId, long seq, int sampleRateHz, List<String> channels, long firstSampleAt,
        double[][] samples) {
}
