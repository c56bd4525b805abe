package io.streamfleet.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WidgetOrderGeneratorTest {

    private static final List<String> CUSTOMERS = List.of("Fred", "Wilma", "Barney");
    private static final List<String> WIDGETS = List.of("W1", "W2", "W3", "W4", "W5", "W6");

    private static WidgetOrderGenerator generator(long seed) {
        return new WidgetOrderGenerator(CUSTOMERS, WIDGETS, new Random(seed), () -> 1713763500000L);
    }

    @Test
    void ordersFollowTheWireContract() {
        WidgetOrderGenerator generator = generator(1);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            WidgetOrdered order = generator.next();
            assertEquals("WidgetOrdered", order.type());
            assertTrue(CUSTOMERS.contains(order.customerId()));
            assertTrue(WIDGETS.contains(order.widgetId()));
            assertTrue(order.quantity() >= 1 && order.quantity() <= 5, "quantity " + order.quantity());
            assertEquals(1713763500000L, order.orderedAt());
            assertEquals(4, UUID.fromString(order.orderId()).version());
            ids.add(order.orderId());
        }
        assertEquals(10_000, ids.size(), "order ids are unique");
    }

    @Test
    void bestSellersAreOrderedMoreOftenButEveryWidgetAppears() {
        WidgetOrderGenerator generator = generator(2);
        Map<String, Integer> perWidget = new HashMap<>();
        IntStream.range(0, 10_000).forEach(i -> perWidget.merge(generator.next().widgetId(), 1, Integer::sum));
        assertEquals(WIDGETS.size(), perWidget.size());
        assertTrue(perWidget.get("W1") > 2 * perWidget.get("W6"), perWidget.toString());
    }

    @Test
    void sameSeedSameOrders() {
        WidgetOrderGenerator a = generator(7);
        WidgetOrderGenerator b = generator(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void emptyCastIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new WidgetOrderGenerator(List.of(), WIDGETS, new Random(), () -> 0L));
    }
}
