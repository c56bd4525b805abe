package io.streamfleet.drone.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured drones: each one's safety policy, link telemetry and the headset paired with it. */
public final class Fleet {

    /** One configured drone; {@code headsetId} may be null (operator control only). */
    public record DroneSpec(String droneId, String headsetId) {
    }

    /** One drone's runtime pieces. */
    public record Drone(String droneId, String headsetId, SafetyPolicy policy, DroneTelemetry telemetry) {
    }

    private final Map<String, Drone> byDrone = new LinkedHashMap<>();
    private final Map<String, Drone> byHeadset = new HashMap<>();

    /** @throws IllegalArgumentException if one headset is paired with two drones */
    public Fleet(Collection<DroneSpec> specs, SafetyPolicy.Settings settings, Clock clock) {
        for (DroneSpec spec : specs) {
            DroneTelemetry telemetry = new DroneTelemetry();
            Drone drone = new Drone(spec.droneId(), spec.headsetId(),
                    new SafetyPolicy(spec.droneId(), settings, telemetry, clock), telemetry);
            byDrone.put(spec.droneId(), drone);
            if (spec.headsetId() != null) {
                Drone other = byHeadset.putIfAbsent(spec.headsetId(), drone);
                if (other != null) {
                    throw new IllegalArgumentException("headset " + spec.headsetId() + " is paired with both "
                            + other.droneId() + " and " + spec.droneId() + "; one headset flies one drone");
                }
            }
        }
    }

    public Optional<Drone> drone(String droneId) {
        return Optional.ofNullable(byDrone.get(droneId));
    }

    public Optional<Drone> pairedWith(String headsetId) {
        return Optional.ofNullable(byHeadset.get(headsetId));
    }

    public Collection<Drone> drones() {
        return byDrone.values();
    }
}
