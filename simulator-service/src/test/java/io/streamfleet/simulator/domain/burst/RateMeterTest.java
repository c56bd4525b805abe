package io.streamfleet.simulator.domain.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long MS = 1_000_000L;

    @Test
    void reportsTheLastCompleteSecondAndZeroAfterASilence() {
        RateMeter meter = new RateMeter();
        for (int i = 0; i < 50; i++) {
            meter.record(100, i * 20 * MS);
        }
        assertEquals(50, meter.recordsPerSecond(1_000 * MS), 0.001);
        assertEquals(5_000, meter.bytesPerSecond(1_000 * MS), 0.001);
        assertEquals(0, meter.recordsPerSecond(5_000 * MS), 0.001);
    }
}
