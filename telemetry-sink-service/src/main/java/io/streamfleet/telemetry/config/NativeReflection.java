package io.streamfleet.telemetry.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.telemetry.rest.AdminView;
import io.streamfleet.telemetry.rest.ErrorResponse;

/** Types Jackson writes reflectively, kept in a native image (record values are read as trees, not bound). */
@RegisterForReflection(targets = { ErrorResponse.class, AdminView.StreamStatus.class, AdminView.SinkStatus.class,
        AdminView.VictoriaMetricsStatus.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
