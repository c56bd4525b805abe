package io.streamfleet.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatestValuesTest {

    @Test
    void aLateOrReplayedReadingNeverReplacesANewerOne() {
        LatestValues latest = new LatestValues();
        latest.offer(new LatestValue(LatestValue.Kind.SATELLITE, "SAT-1", 2000, "newer"));
        latest.offer(new LatestValue(LatestValue.Kind.SATELLITE, "SAT-1", 1000, "older"));
        assertEquals("newer", latest.get(LatestValue.Kind.SATELLITE, "SAT-1").orElseThrow().body());
        latest.offer(new LatestValue(LatestValue.Kind.SATELLITE, "SAT-1", 3000, "newest"));
        assertEquals("newest", latest.get(LatestValue.Kind.SATELLITE, "SAT-1").orElseThrow().body());
    }

    @Test
    void kindsAreSeparateNamespaces() {
        LatestValues latest = new LatestValues();
        latest.offer(new LatestValue(LatestValue.Kind.SENSOR, "x", 1, "sensor"));
        assertTrue(latest.get(LatestValue.Kind.SATELLITE, "x").isEmpty());
    }
}
