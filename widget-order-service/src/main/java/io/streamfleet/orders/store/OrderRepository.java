package io.streamfleet.orders.store;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.streamfleet.orders.config.OrdersConfig;
import io.streamfleet.orders.domain.OrderSummary;
import io.streamfleet.orders.domain.WidgetOrder;

/**
 * Orders in MongoDB, one document per order with the order id as {@code _id}: an upsert by id makes every write
 * idempotent, so a replayed topic leaves exactly one copy of each order.
 */
@ApplicationScoped
public class OrderRepository {

    private static final Logger LOG = Logger.getLogger(OrderRepository.class);
    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("orderedAt"), Sorts.descending("_id"));

    private final ReactiveMongoCollection<Document> orders;

    public OrderRepository(ReactiveMongoClient client, OrdersConfig config) {
        this.orders = client.getDatabase(config.database()).getCollection(config.collection());
    }

    void createIndexes(@Observes StartupEvent ignored) {
        // Serves "a customer's orders, newest first" without a collection scan. Not fatal while MongoDB is not up
        // yet (queries work without it): retried in the background until it succeeds.
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), NEWEST_FIRST))
                .onFailure().invoke(failure -> LOG.warnf("could not create the customer index yet: %s",
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(name -> LOG.debugf("index %s ready", name));
    }

    /**
     * Stores the orders in one ordered bulk write. Replaying an order replaces it with itself, so a retried or
     * replayed batch never duplicates anything.
     */
    public Uni<Void> upsertAll(List<WidgetOrder> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        List<ReplaceOneModel<Document>> writes = batch.stream()
                .map(order -> new ReplaceOneModel<>(Filters.eq("_id", order.orderId()), toDocument(order), upsert))
                .toList();
        return orders.bulkWrite(writes, new BulkWriteOptions().ordered(true)).replaceWithVoid();
    }

    public Uni<List<WidgetOrder>> findByCustomer(String customerId, int page, int size) {
        return orders.find(Filters.eq("customerId", customerId),
                new FindOptions().sort(NEWEST_FIRST).skip(page * size).limit(size))
                .map(OrderRepository::fromDocument)
                .collect().asList();
    }

    public Uni<Long> countByCustomer(String customerId) {
        return orders.countDocuments(Filters.eq("customerId", customerId));
    }

    public Uni<OrderSummary> summarize(String customerId) {
        List<Bson> pipeline = List.of(
                Aggregates.match(Filters.eq("customerId", customerId)),
                Aggregates.group("$widgetId", Accumulators.sum("orders", 1), Accumulators.sum("quantity", "$quantity")),
                Aggregates.sort(Sorts.orderBy(Sorts.descending("orders"), Sorts.ascending("_id"))));
        return orders.aggregate(pipeline)
                .map(doc -> new OrderSummary.WidgetTotal(doc.getString("_id"),
                        doc.get("orders", Number.class).longValue(), doc.get("quantity", Number.class).longValue()))
                .collect().asList()
                .map(widgets -> OrderSummary.of(customerId, widgets));
    }

    private static Document toDocument(WidgetOrder order) {
        return new Document("_id", order.orderId())
                .append("customerId", order.customerId())
                .append("widgetId", order.widgetId())
                .append("quantity", order.quantity())
                .append("orderedAt", order.orderedAt());
    }

    private static WidgetOrder fromDocument(Document doc) {
        return new WidgetOrder(doc.getString("_id"), doc.getString("customerId"), doc.getString("widgetId"),
                doc.get("quantity", Number.class).intValue(), doc.get("orderedAt", Number.class).longValue());
    }
}
