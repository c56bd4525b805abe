package io.streamfleet.eeg.domain;

import java.util.List;

/**
 * One frame of EEG samples from a headset, as on the wire (DESIGN.md):
 * <pre>{"headsetId":"h1","seq":42,"sampleRateHz":250,"channels":["Fp1",...],"firstSampleAt":1713763500000,"samples":[[µV per channel], ...]}</pre>
 * {@code samples[i][c]} is channel {@code c} of the i-th sample; sample i was taken at
 * {@code firstSampleAt + i * 1000 / sampleRateHz} (device clock, epoch ms).
 */
public record EegFrame(String headsetId, long seq, int sampleRateHz, List<String> channels, long firstSampleAt,
        double[][] samples) {

    /** Device time just after the last sample: where the next frame is expected to start. */
    public double endTime() {
        return firstSampleAt + samples.length * 1000.0 / sampleRateHz;
    }
}
