package io.streamfleet.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long MS = 1_000_000L;

    /** Sums the permits of {@code ticks} ticks of {@code tickMs}, starting after a reset at t=0. */
    private static int permitsOver(RatePacer pacer, int ticks, long tickMs) {
        pacer.reset(0);
        int total = 0;
        for (int i = 1; i <= ticks; i++) {
            total += pacer.permits(i * tickMs * MS);
        }
        return total;
    }

    @Test
    void wholeRatesComeOutExactlyPerSecond() {
        assertEquals(10, permitsOver(new RatePacer(10), 20, 50));
        assertEquals(5000, permitsOver(new RatePacer(5000), 20, 50));
    }

    @Test
    void fractionalRatesCarryOverBetweenTicks() {
        assertEquals(1, permitsOver(new RatePacer(0.5), 40, 50)); // 2 s at 0.5/s
        assertEquals(25, permitsOver(new RatePacer(2.5), 200, 50)); // 10 s at 2.5/s
    }

    @Test
    void firstCallOnlyStartsTheClock() {
        RatePacer pacer = new RatePacer(100);
        assertEquals(0, pacer.permits(5_000 * MS));
        assertEquals(100, pacer.permits(6_000 * MS));
    }

    @Test
    void aStallCatchesUpByAtMostOneSecond() {
        RatePacer pacer = new RatePacer(100);
        pacer.reset(0);
        assertEquals(100, pacer.permits(60_000 * MS));
        assertEquals(10, pacer.permits(60_100 * MS));
    }

    @Test
    void slowRatesStillGetOnePermitAfterALongStall() {
        RatePacer pacer = new RatePacer(0.1);
        pacer.reset(0);
        assertEquals(1, pacer.permits(600_000 * MS));
    }

    @Test
    void rateChangesApplyFromTheNextTick() {
        RatePacer pacer = new RatePacer(10);
        pacer.reset(0);
        assertEquals(10, pacer.permits(1_000 * MS));
        pacer.setRate(100);
        assertEquals(100, pacer.permits(2_000 * MS));
    }

    @Test
    void clockGoingBackwardsGivesNothing() {
        RatePacer pacer = new RatePacer(10);
        pacer.reset(1_000 * MS);
        assertEquals(0, pacer.permits(500 * MS));
    }

    @Test
    void nonPositiveOrNonFiniteRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RatePacer(0));
        assertThrows(IllegalArgumentException.class, () -> new RatePacer(-1));
        assertThrows(IllegalArgumentException.class, () -> new RatePacer(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RatePacer(Double.POSITIVE_INFINITY));
    }
}
