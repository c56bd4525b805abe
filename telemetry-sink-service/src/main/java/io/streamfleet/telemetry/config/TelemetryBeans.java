package io.streamfleet.telemetry.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.streamfleet.telemetry.domain.LatestValues;
import io.streamfleet.telemetry.domain.TelemetryDecoder;

/** The plain-Java domain objects, configured and shared as beans. */
public class TelemetryBeans {

    @Produces
    @Singleton
    TelemetryDecoder decoder(TopicsConfig topics, TelemetryConfig config) {
        return new TelemetryDecoder(new TelemetryDecoder.Settings(topics.satellites(), topics.sensors(),
                topics.wearablePrefix(), config.wearable().cameraStreams(), config.wearable().audioStreams(),
                config.limits().maxIdLength(), config.limits().maxValuesPerRecord()));
    }

    @Produces
    @Singleton
    LatestValues latestValues() {
        return new LatestValues();
    }
}
