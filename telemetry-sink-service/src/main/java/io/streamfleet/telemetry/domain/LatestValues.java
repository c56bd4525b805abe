package io.streamfleet.telemetry.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest reading per satellite, sensor and wearable stream, by device time: a replayed or late record never
 * replaces a newer one. Memory is bounded by the number of sources (ids are label values, low-cardinality by contract).
 */
public final class LatestValues {

    private record Key(LatestValue.Kind kind, String key) {
    }

    private final Map<Key, LatestValue> latest = new ConcurrentHashMap<>();

    public void offer(LatestValue value) {
        latest.merge(new Key(value.kind(), value.key()), value,
                (current, offered) -> offered.capturedAtMillis() >= current.capturedAtMillis() ? offered : current);
    }

    public Optional<LatestValue> get(LatestValue.Kind kind, String key) {
        return Optional.ofNullable(latest.get(new Key(kind, key)));
    }
}
