package io.streamfleet.orders.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of widget-order-service; topic names live with their channels under {@code mp.messaging}. */
@ConfigMapping(prefix = "streamfleet.orders")
public interface OrdersConfig {

    /** MongoDB database and collection holding the orders. */
    @WithDefault("streamfleet")
    String database();

    @WithDefault("orders")
    String collection();

    Paging paging();

    Limits limits();

    /** How long POST /orders waits for the broker's acknowledgement before answering 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    StoreRetry storeRetry();

    interface Paging {
        @WithDefault("50")
        int defaultSize();

        @WithDefault("500")
        int maxSize();
    }

    /** Input limits: longer ids are answered 400 naming the field (HTTP) or dead-lettered (Kafka). */
    interface Limits {
        /** orderId, customerId (body and path) and widgetId. */
        @WithDefault("128")
        int maxIdLength();
    }

    /**
     * How the consumer waits out a MongoDB outage: it retries the write with backoff and does not move on (or commit)
     * until the write is acknowledged, so nothing is skipped and memory stays bounded.
     */
    interface StoreRetry {
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
