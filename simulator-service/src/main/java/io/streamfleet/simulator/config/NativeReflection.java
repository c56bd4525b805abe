package io.streamfleet.simulator.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.simulator.domain.SourceStatus;
import io.streamfleet.simulator.domain.WidgetOrdered;
import io.streamfleet.simulator.domain.eeg.EegFrame;
import io.streamfleet.simulator.domain.wearable.WearableSample;
import io.streamfleet.simulator.rest.ErrorResponse;

/** Payload types Jackson writes reflectively, kept in a native image. */
@RegisterForReflection(targets = { WidgetOrdered.class, EegFrame.class, WearableSample.class, SourceStatus.class,
        SourceStatus.Drops.class, SourceStatus.Limits.class, ErrorResponse.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
