package io.streamfleet.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;
import io.streamfleet.testsupport.VictoriaMetricsResource;

/**
 * The real infrastructure every component test of this service runs against: a Kafka broker with every consumed topic
 * and its dead-letter topic, and a real VictoriaMetrics. One profile, so all test classes share one app.
 * <p>
 * VictoriaMetrics takes Influx lines of at most 32 KB here (its default is 256 KB), so that a record with very many
 * values is refused with a real HTTP 400; and offsets are committed every 100 ms, so that a commit that should not
 * happen would happen quickly.
 */
public class TelemetryInfrastructure implements QuarkusTestProfile {

    public static final String SATELLITES = "satellite-telemetry";
    public static final int SATELLITE_PARTITIONS = 3;
    public static final String SENSORS = "sensor-stream";
    public static final List<String> WEARABLE = List.of("aria.imu-right", "aria.imu-left", "aria.magnetometer",
            "aria.barometer", "aria.camera-rgb", "aria.camera-slam-left", "aria.camera-slam-right",
            "aria.camera-eyetracking", "aria.microphone");
    public static final String GROUP = "telemetry-sink-service";
    public static final String VICTORIA_METRICS_LINE_LIMIT = "-influx.maxLineSize=32KB";

    @Override
    public List<TestResourceEntry> testResources() {
        List<String> topics = new ArrayList<>();
        topics.add(SATELLITES + ":" + SATELLITE_PARTITIONS);
        topics.add(SENSORS + ":2");
        topics.addAll(WEARABLE);
        List<String> withDeadLetters = new ArrayList<>(topics);
        topics.forEach(topic -> withDeadLetters.add(topic.split(":")[0] + ".dlq"));
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class,
                        Map.of(KafkaBrokerResource.TOPICS, String.join(",", withDeadLetters))),
                new TestResourceEntry(VictoriaMetricsResource.class,
                        Map.of(VictoriaMetricsResource.FLAGS, VICTORIA_METRICS_LINE_LIMIT)));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.satellites.auto.commit.interval.ms", "100",
                "mp.messaging.incoming.sensors.auto.commit.interval.ms", "100");
    }
}
