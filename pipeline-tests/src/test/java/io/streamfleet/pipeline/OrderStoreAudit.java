package io.streamfleet.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Reads the order documents themselves (not the service's API, not the unique index): how many documents carry each
 * order marker ({@code widgetId}, set by {@link OrderLoad}) and each {@code _id}.
 */
final class OrderStoreAudit implements AutoCloseable {

    private final MongoClient client;
    private final MongoCollection<Document> orders;

    OrderStoreAudit(String uri, String database) {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
        this.orders = client.getDatabase(database).getCollection("orders");
    }

    long count() {
        return orders.countDocuments();
    }

    /** Documents per order marker; more than one is a duplicate, whatever their ids. */
    Map<String, Integer> copiesByMarker() {
        Map<String, Integer> copies = new HashMap<>();
        Map<Object, Integer> byId = new HashMap<>();
        for (Document order : orders.find().projection(Projections.include("widgetId"))) {
            copies.merge(order.getString("widgetId"), 1, Integer::sum);
            byId.merge(order.get("_id"), 1, Integer::sum);
        }
        byId.forEach((id, n) -> {
            if (n > 1) {
                throw new IllegalStateException("the store returned _id " + id + " " + n + " times");
            }
        });
        return copies;
    }

    boolean contains(String marker) {
        return orders.countDocuments(Filters.eq("widgetId", marker)) > 0;
    }

    boolean containsAll(Set<String> markers) {
        return copiesByMarker().keySet().containsAll(markers);
    }

    @Override
    public void close() {
        client.close();
    }
}
