package io.streamfleet.orders.domain;

/**
 * An accepted widget order. {@code orderId} is its identity: storing the same order twice leaves one copy.
 */
public record WidgetOrder(String orderId, String customerId, String widgetId, int quantity, long orderedAt) {

    /** The event type every order record carries on the wire. */
    public static final String TYPE = "WidgetOrdered";
}
