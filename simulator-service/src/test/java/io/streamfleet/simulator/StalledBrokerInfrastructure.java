package io.streamfleet.simulator;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The broker behind a proxy a test can cut, and a small outbox and in-flight window so that a stall fills them within
 * a second: 300 records or 3 MB queued, 20 records or 1 MB in flight. Limits and sampling are lifted so the sources
 * push hard.
 */
public class StalledBrokerInfrastructure implements QuarkusTestProfile {

    public static final int QUEUE_RECORDS = 300;
    public static final long QUEUE_BYTES = 3_000_000;
    public static final int IN_FLIGHT_RECORDS = 20;
    public static final long IN_FLIGHT_BYTES = 1_000_000;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBehindProxyResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("streamfleet.simulator.wearable.frame-pool", "3"),
                Map.entry("streamfleet.simulator.burst.queue-max-records", Integer.toString(QUEUE_RECORDS)),
                Map.entry("streamfleet.simulator.burst.queue-max-bytes", Long.toString(QUEUE_BYTES)),
                Map.entry("streamfleet.simulator.max-in-flight", Integer.toString(IN_FLIGHT_RECORDS)),
                Map.entry("streamfleet.simulator.burst.in-flight-max-bytes", Long.toString(IN_FLIGHT_BYTES)),
                Map.entry("streamfleet.simulator.burst.messages-per-second", "100000"),
                Map.entry("streamfleet.simulator.burst.bytes-per-second", "1000000000"),
                Map.entry("streamfleet.simulator.burst.sample-images", "1"),
                Map.entry("streamfleet.simulator.satellites.rate", "100"),
                Map.entry("streamfleet.simulator.sensors.rate", "100"),
                Map.entry("streamfleet.simulator.wearable.streams.camera-slam-left.rate", "100"));
    }
}
