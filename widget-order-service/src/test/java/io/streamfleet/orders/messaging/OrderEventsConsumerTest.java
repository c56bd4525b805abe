package io.streamfleet.orders.messaging;

import static io.streamfleet.orders.OrdersApi.DEADLINE;
import static io.streamfleet.orders.OrdersApi.awaitOrders;
import static io.streamfleet.orders.OrdersApi.orders;
import static io.streamfleet.orders.OrdersApi.uniqueCustomer;
import static io.streamfleet.orders.OrdersInfrastructure.ORDERS_DLQ_TOPIC;
import static io.streamfleet.orders.OrdersInfrastructure.ORDERS_PARTITIONS;
import static io.streamfleet.orders.OrdersInfrastructure.ORDERS_TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.orders.OrdersInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** The order topic -> MongoDB -> API path, on a real broker and a real MongoDB wire-protocol server. */
@QuarkusTest
@TestProfile(OrdersInfrastructure.class)
class OrderEventsConsumerTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    KafkaClientService kafkaClients;

    private void produce(String key, String value) {
        companion.produceStrings().fromRecords(new ProducerRecord<>(ORDERS_TOPIC, key, value)).awaitCompletion(DEADLINE);
    }

    private static String legacyOrder(String customerId, String widgetId) {
        return "{\"type\":\"WidgetOrdered\",\"customerId\":\"" + customerId + "\",\"widgetId\":\"" + widgetId + "\"}";
    }

    @Test
    void orderProducedToKafkaAppearsInOrdersApi() {
        String customer = uniqueCustomer("Fred");
        produce(customer, "{\"type\":\"WidgetOrdered\",\"orderId\":\"" + customer + "-o1\",\"customerId\":\"" + customer
                + "\",\"widgetId\":\"W123\",\"quantity\":3,\"orderedAt\":1713763500000}");

        Map<String, Object> order = awaitOrders(customer, 1).get(0);
        assertEquals(customer + "-o1", order.get("orderId"));
        assertEquals("W123", order.get("widgetId"));
        assertEquals(3, order.get("quantity"));
        assertEquals(1713763500000L, ((Number) order.get("orderedAt")).longValue());
    }

    @Test
    void legacyEventWithoutIdOrTimestampIsStoredWithDerivedValues() {
        String customer = uniqueCustomer("legacy");
        long before = System.currentTimeMillis();
        produce(customer, legacyOrder(customer, "W9"));

        Map<String, Object> order = awaitOrders(customer, 1).get(0);
        assertEquals(1, order.get("quantity"));
        // the record timestamp stands in for orderedAt, so a replay stores the same value
        assertTrue(((Number) order.get("orderedAt")).longValue() >= before - 1000);
        assertEquals(36, ((String) order.get("orderId")).length());
    }

    @Test
    void replayedOrdersAreStoredOnce() {
        String customer = uniqueCustomer("replay");
        for (int i = 0; i < 5; i++) {
            produce(customer, legacyOrder(customer, "W" + i));
        }
        // the same order delivered twice (a producer retry, or a client resending)
        String twice = "{\"type\":\"WidgetOrdered\",\"orderId\":\"" + customer + "-dup\",\"customerId\":\"" + customer
                + "\",\"widgetId\":\"W7\"}";
        produce(customer, twice);
        produce(customer, twice);
        List<Map<String, Object>> firstPass = awaitOrders(customer, 6);

        replayWholeTopicThroughTheRunningConsumer();

        List<Map<String, Object>> afterReplay = orders(customer);
        assertEquals(6, afterReplay.size());
        assertEquals(ids(firstPass), ids(afterReplay));
    }

    /**
     * Rewinds the service's own consumer to the start of every partition it owns, then proves the replay has been
     * processed: a marker order is sent to each partition, and a partition's records are processed in order, so once
     * every marker is stored, every replayed record before it has been too.
     */
    private void replayWholeTopicThroughTheRunningConsumer() {
        var consumer = kafkaClients.<String, byte[]>getConsumer("orders");
        Set<TopicPartition> assigned = consumer.getAssignments().await().atMost(DEADLINE);
        assertEquals(ORDERS_PARTITIONS, assigned.size());
        consumer.seekToBeginning(assigned).await().atMost(DEADLINE);

        String markerCustomer = uniqueCustomer("replay-marker");
        for (int partition = 0; partition < ORDERS_PARTITIONS; partition++) {
            companion.produceStrings().fromRecords(new ProducerRecord<>(ORDERS_TOPIC, partition, markerCustomer,
                    legacyOrder(markerCustomer, "P" + partition))).awaitCompletion(DEADLINE);
        }
        awaitOrders(markerCustomer, ORDERS_PARTITIONS);
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAndLaterOrdersStillLand() {
        String key = uniqueCustomer("poison");
        produce(key, "this is not JSON");
        produce(key, "{\"type\":\"WidgetOrdered\",\"widgetId\":\"W1\"}");
        produce(key, legacyOrder(key, "W-between-poison"));
        produce(key, null);
        produce(key, legacyOrder(key, "W-after-poison"));

        List<Map<String, Object>> stored = awaitOrders(key, 2);
        assertEquals(Set.of("W-between-poison", "W-after-poison"),
                stored.stream().map(o -> o.get("widgetId")).collect(Collectors.toSet()));

        List<ConsumerRecord<String, String>> dead = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(ORDERS_DLQ_TOPIC, records -> records.select().where(r -> key.equals(r.key())))
                .awaitRecords(3, DEADLINE).getRecords();
        assertEquals(List.of("this is not JSON", "{\"type\":\"WidgetOrdered\",\"widgetId\":\"W1\"}", ""),
                dead.stream().map(ConsumerRecord::value).toList());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("body:"), header(dead.get(0), "dead-letter-reason"));
        assertTrue(header(dead.get(1), "dead-letter-reason").startsWith("customerId:"));
        assertTrue(header(dead.get(2), "dead-letter-reason").startsWith("body:"));
        assertEquals(ORDERS_TOPIC, header(dead.get(0), "dead-letter-topic"));
        long firstOffset = Long.parseLong(header(dead.get(0), "dead-letter-offset"));
        assertEquals(firstOffset + 1, Long.parseLong(header(dead.get(1), "dead-letter-offset")));
        assertEquals(firstOffset + 3, Long.parseLong(header(dead.get(2), "dead-letter-offset")));
        assertFalse(header(dead.get(0), "dead-letter-partition").isBlank());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Set<String> ids(List<Map<String, Object>> orders) {
        return orders.stream().map(o -> (String) o.get("orderId")).collect(Collectors.toCollection(TreeSet::new));
    }
}
