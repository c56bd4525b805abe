package io.streamfleet.eeg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    @Test
    void countsEventsPerSecondOverTheInterval() {
        RateMeter meter = new RateMeter(10);
        for (long t = 0; t < 20_000; t += 100) {
            meter.record(t);
        }
        assertEquals(10, meter.perSecond(19_999), 1.01);
    }

    @Test
    void aNewSourceIsMeasuredOverTheTimeItWasSeen() {
        RateMeter meter = new RateMeter(10);
        for (long t = 0; t < 2_000; t += 100) {
            meter.record(t);
        }
        assertEquals(10, meter.perSecond(1_999), 0.1);
    }

    @Test
    void aSilentSourceFallsToZero() {
        RateMeter meter = new RateMeter(10);
        meter.record(0);
        assertEquals(0, meter.perSecond(60_000));
        assertEquals(0, new RateMeter(5).perSecond(1_000));
    }
}
