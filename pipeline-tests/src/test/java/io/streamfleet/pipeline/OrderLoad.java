package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Steady order load on the order topic from a producer configured as production's (acks=all, idempotence), on its
 * own thread at a fixed rate. Every order carries a unique marker in {@code widgetId}; an order counts as accepted
 * when the broker acknowledged it. Every other order has no {@code orderId} (the legacy contract), so the service
 * derives the id from the record's log position: a record written twice at two offsets would be stored twice, which
 * is what the duplicate count looks for.
 */
final class OrderLoad implements AutoCloseable {

    /** When an order was handed to the producer and when it was acknowledged, and to which partition it went. */
    record Ack(int partition, long sentAtNanos, long atNanos) {
    }

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String run;
    private final int perSecond;
    private final Map<String, Ack> accepted = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread sender;
    private volatile boolean stopped;

    private OrderLoad(String bootstrap, String topic, String run, int perSecond) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                // the same backoff ceilings as widget-order-service's clients (its application.properties)
                ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250,
                ProducerConfig.CLIENT_ID_CONFIG, "fault-order-load-" + run),
                new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.run = run;
        this.perSecond = perSecond;
        this.sender = new Thread(this::sendLoop, "order-load-" + run);
        sender.setDaemon(true);
    }

    static OrderLoad start(String bootstrap, String topic, String run, int perSecond) {
        OrderLoad load = new OrderLoad(bootstrap, topic, run, perSecond);
        load.sender.start();
        return load;
    }

    private void sendLoop() {
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        for (long seq = 0; !stopped; seq++) {
            String marker = run + "-" + seq;
            String customer = "customer-" + (seq % 7);
            String orderId = seq % 2 == 0 ? "\"orderId\":\"" + UUID.nameUUIDFromBytes(marker.getBytes()) + "\"," : "";
            String value = "{\"type\":\"WidgetOrdered\"," + orderId + "\"customerId\":\"" + customer
                    + "\",\"widgetId\":\"" + marker + "\",\"quantity\":1}";
            sent.incrementAndGet();
            long sentAt = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, customer, value), (metadata, exception) -> {
                if (exception == null) {
                    accepted.put(marker, new Ack(metadata.partition(), sentAt, System.nanoTime()));
                } else {
                    failed.incrementAndGet();
                }
            });
            // pacing, not synchronisation: the load is a fixed rate whatever the broker does
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /**
     * Waits until, on every partition, an order sent after {@code faultAtNanos} is acknowledged and in the store, and
     * returns the time from the fault until the last partition got there (polled every 100 ms). Sent after, not merely
     * acknowledged after: an ack already on its way when the fault struck proves nothing about recovery.
     */
    Duration awaitDeliveredOnEveryPartition(OrderStoreAudit audit, long faultAtNanos, int partitions, Duration within) {
        Map<Integer, Long> deliveredAt = new TreeMap<>();
        Map<Integer, Long> acknowledgedAt = new TreeMap<>();
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<Integer, String> firstAfterFault = new HashMap<>();
            accepted.entrySet().stream().filter(e -> e.getValue().sentAtNanos() > faultAtNanos)
                    .sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Ack::sentAtNanos)))
                    .forEach(e -> firstAfterFault.putIfAbsent(e.getValue().partition(), e.getKey()));
            long now = System.nanoTime();
            firstAfterFault.forEach((partition, marker) -> {
                if (!deliveredAt.containsKey(partition) && audit.contains(marker)) {
                    deliveredAt.put(partition, now);
                    acknowledgedAt.put(partition, accepted.get(marker).atNanos());
                }
            });
            return deliveredAt.size() == partitions;
        });
        // acknowledged: the producer side is back; delivered: the consumer has stored it too
        System.out.printf("%s: per partition, acknowledged again %s and delivered again %s ms after the fault%n", run,
                millisSince(acknowledgedAt, faultAtNanos), millisSince(deliveredAt, faultAtNanos));
        return Duration.ofNanos(deliveredAt.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - faultAtNanos);
    }

    private static Map<Integer, Long> millisSince(Map<Integer, Long> nanosByPartition, long sinceNanos) {
        return nanosByPartition.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> (e.getValue() - sinceNanos) / 1_000_000, (a, b) -> a, TreeMap::new));
    }

    /** Stops sending and waits until every order sent has been acknowledged or has failed. */
    void stop() {
        stopped = true;
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    Set<String> accepted() {
        return Set.copyOf(accepted.keySet());
    }

    Map<String, Ack> acks() {
        return Map.copyOf(accepted);
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    String run() {
        return run;
    }

    @Override
    public void close() {
        stopped = true;
        producer.close(Duration.ofSeconds(30));
    }
}
