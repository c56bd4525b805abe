package io.streamfleet.orders;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.streamfleet.testsupport.KafkaBrokerResource;
import io.streamfleet.testsupport.MongoServerResource;

/**
 * The real infrastructure every component test of this service runs against: a Kafka broker with the order topics
 * and a MongoDB wire-protocol server. One profile, so all test classes share one app and one broker.
 */
public class OrdersInfrastructure implements QuarkusTestProfile {

    public static final String ORDERS_TOPIC = "widget-orders";
    public static final String ORDERS_DLQ_TOPIC = "widget-orders.dlq";
    public static final int ORDERS_PARTITIONS = 3;

    /** The packaged app ({@code *IT}) runs in prod, where the users' passwords have no default. */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("INGEST_PASSWORD", "ingest", "OPERATOR_PASSWORD", "operator", "VIEWER_PASSWORD", "viewer");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS,
                        ORDERS_TOPIC + ":" + ORDERS_PARTITIONS + "," + ORDERS_DLQ_TOPIC + ":1")),
                new TestResourceEntry(MongoServerResource.class));
    }
}
