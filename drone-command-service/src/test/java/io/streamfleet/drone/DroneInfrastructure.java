package io.streamfleet.drone;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;

/**
 * The real infrastructure every component test of this service runs against: a Kafka broker with the pipeline's
 * topics and a fake Tello as drone tello-1 (paired with headset h1). One profile, so all test classes share one app.
 */
public class DroneInfrastructure implements QuarkusTestProfile {

    public static final String PREDICTIONS_TOPIC = "prediction-results";
    public static final String PREDICTIONS_DLQ_TOPIC = "prediction-results.dlq";
    public static final String COMMANDS_TOPIC = "drone-commands";
    public static final String COMMANDS_DLQ_TOPIC = "drone-commands.dlq";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS,
                        PREDICTIONS_TOPIC + ":3," + PREDICTIONS_DLQ_TOPIC + ":1," + COMMANDS_TOPIC + ":3,"
                                + COMMANDS_DLQ_TOPIC + ":1")),
                new TestResourceEntry(FakeTelloResource.class));
    }
}
