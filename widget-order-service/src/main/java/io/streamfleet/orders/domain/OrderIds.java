package io.streamfleet.orders.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Order identities for events that arrive without one. */
public final class OrderIds {

    private OrderIds() {
    }

    /**
     * A stable id from the record's position in the log: replaying the topic yields the same id, so the store keeps
     * one copy. (A name-based UUID, so it looks like every other order id.)
     */
    public static String fromLogPosition(String topic, int partition, long offset) {
        String position = topic + "/" + partition + "/" + offset;
        return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
