package io.streamfleet.eeg.domain;

import java.util.List;

/**
 * Whether a window's features can be trusted (docs/contracts.md): not ok when frames are missing from the window
 * (gaps in {@code seq}), or any channel is railing (at the ADC limit: electrode off or saturated) or flat (no
 * variation: disconnected or shorted).
 */
public record SignalQuality(boolean ok, int droppedFrames, List<String> railingChannels, List<String> flatChannels) {

    public static SignalQuality of(int droppedFrames, List<String> railingChannels, List<String> flatChannels) {
        return new SignalQuality(droppedFrames == 0 && railingChannels.isEmpty() && flatChannels.isEmpty(),
                droppedFrames, List.copyOf(railingChannels), List.copyOf(flatChannels));
    }
}
