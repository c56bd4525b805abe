package io.streamfleet.orders.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void logPositionIdIsStableAcrossReplays() {
        assertEquals(OrderIds.fromLogPosition("widget-orders", 2, 1234),
                OrderIds.fromLogPosition("widget-orders", 2, 1234));
    }

    @Test
    void everyCoordinateTakesPartInTheId() {
        String id = OrderIds.fromLogPosition("widget-orders", 2, 1234);
        assertNotEquals(id, OrderIds.fromLogPosition("event-topic", 2, 1234));
        assertNotEquals(id, OrderIds.fromLogPosition("widget-orders", 1, 1234));
        assertNotEquals(id, OrderIds.fromLogPosition("widget-orders", 2, 1235));
        // "a/12/3" and "a/1/23" must not collide
        assertNotEquals(OrderIds.fromLogPosition("a", 12, 3), OrderIds.fromLogPosition("a", 1, 23));
    }

    @Test
    void idsAreUuids() {
        assertDoesNotThrow(() -> UUID.fromString(OrderIds.fromLogPosition("t", 0, 0)));
        assertDoesNotThrow(() -> UUID.fromString(OrderIds.random()));
    }
}
