package io.streamfleet.simulator.domain;

/** The WidgetOrdered event as DESIGN.md defines it on the order topic. */
public record WidgetOrdered(String type, String orderId, String customerId, String widgetId, int quantity,
        long orderedAt) {

    public static final String TYPE = "WidgetOrdered";
}
