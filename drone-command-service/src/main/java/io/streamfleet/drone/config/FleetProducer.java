package io.streamfleet.drone.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.streamfleet.drone.domain.Fleet;
import io.streamfleet.drone.domain.SafetyPolicy;

/** Builds the fleet from configuration; a bad policy setting or pairing stops the service at startup. */
public class FleetProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Fleet fleet(DroneConfig config, Clock clock) {
        DroneConfig.Policy p = config.policy();
        SafetyPolicy.Settings settings = new SafetyPolicy.Settings(p.confidenceThreshold(), p.requiredAgreement(),
                p.minCommandInterval(), p.moveDistanceCm(), p.rotateAngleDeg(), p.watchdogTimeout(),
                p.keepaliveInterval(), p.keepaliveCommand(), p.maxPredictionAge());
        List<Fleet.DroneSpec> specs = config.drones().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Fleet.DroneSpec(e.getKey(), e.getValue().headset().orElse(null)))
                .toList();
        return new Fleet(specs, settings, clock);
    }
}
