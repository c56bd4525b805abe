package io.streamfleet.orders.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.orders.config.OrdersConfig;
import io.streamfleet.orders.domain.InvalidFieldException;
import io.streamfleet.orders.domain.OrderEventParser;
import io.streamfleet.orders.domain.OrderIds;
import io.streamfleet.orders.domain.WidgetOrder;
import io.streamfleet.orders.store.OrderRepository;

/**
 * Order topic -> MongoDB, one poll at a time. Each record of a batch is either a valid order or a contract violation;
 * violations are parked on the dead-letter topic with the reason, the valid orders are upserted in one bulk write,
 * and only when both are acknowledged is the batch acknowledged (its offsets become committable). An outage of
 * MongoDB or of the dead-letter topic is not the records' fault: the write is retried with backoff and the consumer
 * waits instead of running ahead, so nothing is skipped and memory stays bounded.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderRepository repository;
    private final OrderDeadLetters deadLetters;
    private final OrdersConfig.StoreRetry retry;
    private final int maxIdLength;
    private final Counter stored;
    private final Counter deadLettered;
    private final Counter retries;
    private final DistributionSummary batchSize;

    public OrderEventsConsumer(OrderRepository repository, OrderDeadLetters deadLetters, OrdersConfig config,
            MeterRegistry registry) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.retry = config.storeRetry();
        this.maxIdLength = config.limits().maxIdLength();
        this.stored = registry.counter("streamfleet_orders_consumed", "outcome", "stored");
        this.deadLettered = registry.counter("streamfleet_orders_consumed", "outcome", "dead_lettered");
        this.retries = registry.counter("streamfleet_orders_store_retries");
        this.batchSize = DistributionSummary.builder("streamfleet_orders_batch_size")
                .description("order records per consumed poll").register(registry);
    }

    @Incoming("orders")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        batchSize.record(records.size());
        List<WidgetOrder> orders = new ArrayList<>(records.size());
        List<Supplier<Uni<Void>>> parked = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
            try {
                orders.add(OrderEventParser.parse(record.getPayload(),
                        OrderIds.fromLogPosition(record.getTopic(), record.getPartition(), offset),
                        record.getTimestamp().toEpochMilli(), maxIdLength));
            } catch (InvalidFieldException e) {
                LOG.warnf("order record %s-%d@%d goes to the dead-letter topic: %s",
                        record.getTopic(), record.getPartition(), offset, e.getMessage());
                parked.add(() -> deadLetters.park(record, offset, e));
            }
        }
        return untilDone("park " + parked.size() + " dead letters", () -> parkAll(parked))
                .chain(() -> untilDone("store " + orders.size() + " orders", () -> repository.upsertAll(orders)))
                .invoke(() -> {
                    stored.increment(orders.size());
                    deadLettered.increment(parked.size());
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private static Uni<Void> parkAll(List<Supplier<Uni<Void>>> parked) {
        if (parked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(parked.stream().map(Supplier::get).toList()).andFailFast().replaceWithVoid();
    }

    /**
     * Runs the write, retrying with backoff for as long as it takes; the consumer waits meanwhile. (A retried park
     * may publish a dead letter twice: the dead-letter topic is at-least-once, the order store exactly-once.)
     */
    private Uni<Void> untilDone(String what, Supplier<Uni<Void>> write) {
        return Uni.createFrom().deferred(write::get)
                .onFailure().invoke(failure -> {
                    retries.increment();
                    LOG.warnf("could not %s, retrying: %s", what, failure.getMessage());
                })
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely();
    }
}
