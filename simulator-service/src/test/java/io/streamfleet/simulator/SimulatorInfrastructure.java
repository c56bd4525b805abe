package io.streamfleet.simulator;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;

/** A real Kafka broker with the topics the simulator writes; one profile so all test classes share one app. */
public class SimulatorInfrastructure implements QuarkusTestProfile {

    public static final String ORDERS_TOPIC = "widget-orders";
    public static final String EEG_TOPIC = "eeg-brainwave-data";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class,
                Map.of(KafkaBrokerResource.TOPICS, ORDERS_TOPIC + ":3," + EEG_TOPIC + ":3")));
    }
}
