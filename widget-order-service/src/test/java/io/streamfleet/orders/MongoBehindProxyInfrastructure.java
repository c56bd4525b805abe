package io.streamfleet.orders;

import java.util.List;
import java.util.Map;

import io.streamfleet.testsupport.KafkaBrokerResource;
import io.streamfleet.testsupport.MongoServerResource;

/**
 * The same real infrastructure, with MongoDB reached through a proxy a test can cut, and offsets committed every
 * 100 ms so that a commit that should not happen would happen quickly.
 */
public class MongoBehindProxyInfrastructure extends OrdersInfrastructure {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(KafkaBrokerResource.class, Map.of(KafkaBrokerResource.TOPICS,
                        ORDERS_TOPIC + ":" + ORDERS_PARTITIONS + "," + ORDERS_DLQ_TOPIC + ":1")),
                new TestResourceEntry(MongoServerResource.class, Map.of(MongoServerResource.PROXY, "true")));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.orders.auto.commit.interval.ms", "100");
    }
}
