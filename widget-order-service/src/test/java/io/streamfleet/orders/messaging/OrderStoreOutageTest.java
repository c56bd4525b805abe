package io.streamfleet.orders.messaging;

import static io.restassured.RestAssured.given;
import static io.streamfleet.orders.OrdersApi.DEADLINE;
import static io.streamfleet.orders.OrdersApi.awaitOrders;
import static io.streamfleet.orders.OrdersApi.uniqueCustomer;
import static io.streamfleet.orders.OrdersInfrastructure.ORDERS_TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.orders.MongoBehindProxyInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;
import io.streamfleet.testsupport.InjectTcpProxy;
import io.streamfleet.testsupport.TcpProxy;

/** MongoDB out of reach: the consumer waits, commits nothing it has not stored, and catches up afterwards. */
@QuarkusTest
@TestProfile(MongoBehindProxyInfrastructure.class)
class OrderStoreOutageTest {

    private static final String GROUP = "widget-order-service";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectTcpProxy
    TcpProxy mongo;

    @Inject
    MeterRegistry registry;

    private RecordMetadata produce(String customer, String widget) {
        return companion.produceStrings().fromRecords(new ProducerRecord<>(ORDERS_TOPIC, customer,
                "{\"type\":\"WidgetOrdered\",\"customerId\":\"" + customer + "\",\"widgetId\":\"" + widget + "\"}"))
                .awaitCompletion(DEADLINE).getFirstRecord();
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = companion.consumerGroups().offsets(GROUP, partition);
        return offset == null ? -1 : offset.offset();
    }

    private double storeRetries() {
        return registry.counter("streamfleet_orders_store_retries").count();
    }

    @Test
    void ordersWaitOutAMongoOutageAndNoOffsetIsCommittedPastAnUnstoredOrder() {
        String customer = uniqueCustomer("outage");
        RecordMetadata first = produce(customer, "W1");
        TopicPartition partition = new TopicPartition(ORDERS_TOPIC, first.partition());
        awaitOrders(customer, 1);
        await().atMost(DEADLINE).until(() -> committed(partition) == first.offset() + 1);

        mongo.cut();
        try {
            double retriesBefore = storeRetries();
            RecordMetadata second = produce(customer, "W2");
            // several failed attempts span many 100 ms commit periods: a premature ack would have been committed
            await().atMost(DEADLINE).until(() -> storeRetries() >= retriesBefore + 3);
            assertEquals(first.offset() + 1, committed(partition), "nothing committed past the unstored order");
            given().get("/q/health/ready").then().statusCode(503);

            mongo.restore();
            List<Map<String, Object>> orders = awaitOrders(customer, 2);
            assertEquals(List.of("W1", "W2"), orders.stream().map(o -> o.get("widgetId")).sorted().toList());
            await().atMost(DEADLINE).until(() -> committed(partition) == second.offset() + 1);
        } finally {
            mongo.restore();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
