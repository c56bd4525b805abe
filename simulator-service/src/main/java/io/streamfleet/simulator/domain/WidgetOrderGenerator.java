package io.streamfleet.simulator.domain;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Plausible widget orders: a fixed cast of customers and widgets, a few popular widgets ordered far more often
 * than the rest (so per-widget summaries have a shape), and small quantities.
 */
public final class WidgetOrderGenerator {

    private static final int MAX_QUANTITY = 5;

    private final List<String> customers;
    private final List<String> widgets;
    private final Random random;
    private final LongSupplier clockMillis;

    public WidgetOrderGenerator(List<String> customers, List<String> widgets, Random random, LongSupplier clockMillis) {
        if (customers.isEmpty() || widgets.isEmpty()) {
            throw new IllegalArgumentException("the order generator needs at least one customer and one widget");
        }
        this.customers = List.copyOf(customers);
        this.widgets = List.copyOf(widgets);
        this.random = random;
        this.clockMillis = clockMillis;
    }

    public WidgetOrdered next() {
        String customer = customers.get(random.nextInt(customers.size()));
        // squaring a uniform draw skews towards the first widgets: the catalogue has best sellers
        double skewed = random.nextDouble() * random.nextDouble();
        String widget = widgets.get((int) (skewed * widgets.size()));
        int quantity = 1 + (int) (random.nextDouble() * random.nextDouble() * MAX_QUANTITY);
        return new WidgetOrdered(WidgetOrdered.TYPE, randomUuid().toString(), customer, widget, quantity,
                clockMillis.getAsLong());
    }

    /** A version-4 UUID drawn from this generator's Random, so a seeded generator is fully repeatable. */
    private UUID randomUuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
