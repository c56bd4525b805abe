package io.streamfleet.drone.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.rest.DroneView;
import io.streamfleet.drone.rest.ErrorResponse;

/** Payload types Jackson reads or writes reflectively, kept in a native image. */
@RegisterForReflection(targets = { DroneCommand.class, DroneView.class, DroneTelemetry.SentCommand.class,
        DroneTelemetry.Ack.class, ErrorResponse.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
