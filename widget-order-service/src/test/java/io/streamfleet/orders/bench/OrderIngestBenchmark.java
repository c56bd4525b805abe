package io.streamfleet.orders.bench;

import static io.streamfleet.orders.OrdersApi.uniqueCustomer;
import static io.streamfleet.orders.OrdersInfrastructure.ORDERS_TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.orders.OrdersInfrastructure;
import io.streamfleet.orders.store.OrderRepository;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/**
 * How many orders per second the consumer moves from the topic into MongoDB (real broker, MongoDB wire-protocol
 * server with the in-memory backend). Prints the figure; asserts only that every order arrived exactly once.
 * Not part of {@code ./mvnw verify}; run it with:
 * <pre>./mvnw -pl widget-order-service -am verify -Dtest=OrderIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@QuarkusTest
@TestProfile(OrdersInfrastructure.class)
class OrderIngestBenchmark {

    private static final int ORDERS = Integer.getInteger("bench.orders", 30_000);
    private static final int CUSTOMERS = 30;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @Inject
    OrderRepository repository;

    private double stored() {
        return registry.counter("streamfleet_orders_consumed", "outcome", "stored").count();
    }

    @Test
    void ordersPerSecondFromTopicToMongo() {
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(uniqueCustomer("bench"));
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(ORDERS);
        for (int i = 0; i < ORDERS; i++) {
            String customer = customers.get(i % CUSTOMERS);
            records.add(new ProducerRecord<>(ORDERS_TOPIC, customer, "{\"type\":\"WidgetOrdered\",\"customerId\":\""
                    + customer + "\",\"widgetId\":\"W" + (i % 50) + "\",\"quantity\":" + (1 + i % 3) + "}"));
        }
        double before = stored();
        long start = System.nanoTime();
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofMinutes(2));
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> stored() - before >= ORDERS);
        long done = System.nanoTime();

        long total = customers.stream()
                .mapToLong(c -> repository.countByCustomer(c).await().atMost(Duration.ofSeconds(30))).sum();
        assertEquals(ORDERS, total, "every order stored exactly once");
        double seconds = (done - start) / 1e9;
        System.out.printf("%nOrderIngestBenchmark: %d orders, produced in %.2f s, all stored after %.2f s: "
                + "%.0f orders/s end to end%n%n", ORDERS, (produced - start) / 1e9, seconds, ORDERS / seconds);
    }
}
