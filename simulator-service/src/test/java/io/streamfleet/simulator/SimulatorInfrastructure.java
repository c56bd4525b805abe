package io.streamfleet.simulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.simulator.domain.wearable.WearableStream;
import io.streamfleet.testsupport.KafkaBrokerResource;

/** A real Kafka broker with the topics the simulator writes; one profile so all test classes share one app. */
public class SimulatorInfrastructure implements QuarkusTestProfile {

    public static final String ORDERS_TOPIC = "widget-orders";
    public static final String SATELLITE_TOPIC = "satellite-telemetry";
    public static final String SENSOR_TOPIC = "sensor-stream";
    public static final String EEG_TOPIC = "eeg-brainwave-data";

    public static String ariaTopic(WearableStream stream) {
        return "aria." + stream.streamName();
    }

    /** Every topic with its partition count, as DESIGN.md lists them. */
    public static String topics() {
        return Stream.concat(Stream.of(ORDERS_TOPIC + ":3", SATELLITE_TOPIC + ":3", SENSOR_TOPIC + ":2",
                        EEG_TOPIC + ":3"),
                Stream.of(WearableStream.values()).map(s -> ariaTopic(s) + ":3")).collect(Collectors.joining(","));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS, topics())));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // a short frame loop keeps the first camera start quick; the frames are still full-size JPEG
        return Map.of("streamfleet.simulator.wearable.frame-pool", "3");
    }
}
