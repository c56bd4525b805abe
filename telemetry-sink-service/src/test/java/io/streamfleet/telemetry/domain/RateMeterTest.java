package io.streamfleet.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    @Test
    void averagesFullSecondsOfTheWindowAndForgetsOlderOnes() {
        RateMeter meter = new RateMeter(10);
        meter.record(50, 100_000);
        meter.record(50, 100_500);
        meter.record(200, 105_000);
        meter.record(999, 110_100); // the current second is still filling: not counted yet
        assertEquals(30.0, meter.perSecond(110_200), 1e-9);
        assertEquals(119.9, meter.perSecond(111_000), 1e-9); // second 100 left the window, 110 entered it
        assertEquals(0.0, meter.perSecond(200_000), 1e-9);
    }
}
