package io.streamfleet.eeg.domain;

import java.util.Set;

/**
 * What the frame validator accepts, from configuration: the sample rates the DSP is set up for, and size limits that
 * keep one request or record from taking the service's memory.
 */
public record FrameRules(Set<Integer> supportedSampleRates, int maxChannels, int maxSamplesPerFrame,
        int maxFramesPerRequest) {
}
