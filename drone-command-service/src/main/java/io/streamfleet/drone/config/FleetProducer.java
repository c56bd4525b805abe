package io.streamfleet.drone.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.streamfleet.drone.domain.Fleet;
import io.streamfleet.drone.domain.LinkGuard;
import io.streamfleet.drone.domain.SafetyPolicy;
import io.streamfleet.drone.domain.TelloSdk;

/** Builds the fleet and the link's guard from configuration; a bad setting or pairing stops the service at startup. */
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
                p.keepaliveInterval(), p.keepaliveCommand(),
                new SafetyPolicy.Freshness(p.maxPredictionAge(), p.clockSkew(), p.agreementGap()),
                new SafetyPolicy.DroneLimits(p.silenceLandAfter(), p.maxHeightCm(), p.minBatteryPercent(),
                        p.stateTimeout(), p.stateConfirm(), p.transitionGrace(), p.groundHeightCm()));
        List<Fleet.DroneSpec> specs = config.drones().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new Fleet.DroneSpec(e.getKey(), e.getValue().headset().orElse(null)))
                .toList();
        return new Fleet(specs, settings, clock);
    }

    @Produces
    @Singleton
    LinkGuard linkGuard(DroneConfig config) {
        DroneConfig.Policy p = config.policy();
        return new LinkGuard(new LinkGuard.Settings(config.link().maxCommandAge(), p.clockSkew(),
                TelloSdk.clampMove(p.moveDistanceCm()), TelloSdk.clampAngle(p.rotateAngleDeg()), p.keepaliveCommand()));
    }
}
