package io.streamfleet.orders.domain;

import java.util.List;

/** A customer's orders counted per widget, most ordered widget first. */
public record OrderSummary(String customerId, long totalOrders, long totalQuantity, List<WidgetTotal> widgets) {

    public record WidgetTotal(String widgetId, long orders, long quantity) {
    }

    public static OrderSummary of(String customerId, List<WidgetTotal> widgets) {
        long orders = widgets.stream().mapToLong(WidgetTotal::orders).sum();
        long quantity = widgets.stream().mapToLong(WidgetTotal::quantity).sum();
        return new OrderSummary(customerId, orders, quantity, widgets);
    }
}
