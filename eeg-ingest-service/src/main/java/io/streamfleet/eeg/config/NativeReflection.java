package io.streamfleet.eeg.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.eeg.domain.BandPowers;
import io.streamfleet.eeg.domain.EegFeatures;
import io.streamfleet.eeg.domain.EegFrame;
import io.streamfleet.eeg.domain.HeadsetSummary;
import io.streamfleet.eeg.domain.SignalQuality;
import io.streamfleet.eeg.rest.ErrorResponse;
import io.streamfleet.eeg.rest.FramesAccepted;

/** Payload types Jackson reads or writes reflectively, kept in a native image. */
@RegisterForReflection(targets = { EegFrame.class, EegFeatures.class, BandPowers.class, SignalQuality.class,
        HeadsetSummary.class, FramesAccepted.class, ErrorResponse.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
