package io.streamfleet.orders.messaging;

import io.streamfleet.orders.domain.WidgetOrder;

/** The WidgetOrdered record value as this service writes it (see DESIGN.md, "Payloads"). */
public record WidgetOrderedEvent(String type, String orderId, String customerId, String widgetId, int quantity,
        long orderedAt) {

    public static WidgetOrderedEvent of(WidgetOrder order) {
        return new WidgetOrderedEvent(WidgetOrder.TYPE, order.orderId(), order.customerId(), order.widgetId(),
                order.quantity(), order.orderedAt());
    }
}
