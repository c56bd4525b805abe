package io.streamfleet.eeg.domain;

import java.util.Set;

/**
 * What the frame validator accepts, from configuration: the sample rates the DSP is set up for, and size limits that
 * keep one request or record from taking the service's memory.
 */
public record FrameRules(Set<Integer> supportedSampleRates, int maxChannels, int maxSamplesPerFrame,
        int maxFramesPerRequest, int maxIdLength) {

    /** The id length limit when configuration does not say otherwise. */
    public static final int DEFAULT_MAX_ID_LENGTH = 128;

    public FrameRules(Set<Integer> supportedSampleRates, int maxChannels, int maxSamplesPerFrame,
            int maxFramesPerRequest) {
        this(supportedSampleRates, maxChannels, maxSamplesPerFrame, maxFramesPerRequest, DEFAULT_MAX_ID_LENGTH);
    }
}
