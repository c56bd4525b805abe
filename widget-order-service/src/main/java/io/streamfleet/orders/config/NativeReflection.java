package io.streamfleet.orders.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.streamfleet.orders.domain.OrderSummary;
import io.streamfleet.orders.domain.WidgetOrder;
import io.streamfleet.orders.rest.ErrorResponse;
import io.streamfleet.orders.messaging.WidgetOrderedEvent;

/** Payload types Jackson reads or writes reflectively, kept in a native image. */
@RegisterForReflection(targets = { WidgetOrder.class, WidgetOrderedEvent.class, OrderSummary.class,
        OrderSummary.WidgetTotal.class, ErrorResponse.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
