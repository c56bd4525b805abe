package io.streamfleet.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.orders.config.OrdersConfig;
import io.streamfleet.orders.domain.InvalidFieldException;
import io.streamfleet.orders.domain.OrderEventParser;
import io.streamfleet.orders.domain.OrderIds;
import io.streamfleet.orders.domain.WidgetOrder;
import io.streamfleet.orders.store.OrderRepository;

/**
 * Order topic -> MongoDB. A record is acknowledged (and its offset becomes committable) only after MongoDB has
 * acknowledged the upsert. A record that breaks the contract is nacked, which the channel's dead-letter-queue
 * failure strategy turns into a copy on the dead-letter topic with the reason in its headers; the consumer goes on.
 * A MongoDB outage is not the record's fault: the write is retried with backoff and the consumer waits.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderRepository repository;
    private final OrdersConfig.StoreRetry retry;
    private final Counter stored;
    private final Counter deadLettered;
    private final Counter storeRetries;

    public OrderEventsConsumer(OrderRepository repository, OrdersConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.retry = config.storeRetry();
        this.stored = registry.counter("streamfleet_orders_consumed", "outcome", "stored");
        this.deadLettered = registry.counter("streamfleet_orders_consumed", "outcome", "dead_lettered");
        this.storeRetries = registry.counter("streamfleet_orders_store_retries");
    }

    @Incoming("orders")
    public Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
        WidgetOrder order;
        try {
            order = OrderEventParser.parse(record.getPayload(),
                    OrderIds.fromLogPosition(record.getTopic(), record.getPartition(), offset),
                    record.getTimestamp().toEpochMilli());
        } catch (InvalidFieldException e) {
            LOG.warnf("order record %s-%d@%d goes to the dead-letter topic: %s",
                    record.getTopic(), record.getPartition(), offset, e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().completionStage(record.nack(e));
        }
        return repository.upsert(order)
                .onFailure().invoke(failure -> {
                    storeRetries.increment();
                    LOG.warnf("storing order %s failed, retrying: %s", order.orderId(), failure.getMessage());
                })
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).indefinitely()
                .onItem().invoke(() -> stored.increment())
                .onItem().transformToUni(ignored -> Uni.createFrom().completionStage(record.ack()));
    }
}
