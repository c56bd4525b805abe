package io.streamfleet.simulator.domain.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = 1_000_000L;

    /** Offers {@code perSecond} records of {@code size} bytes evenly for {@code seconds}; returns how many passed. */
    private static int passed(RateLimiter limiter, int perSecond, int size, int seconds) {
        int passed = 0;
        long step = 1_000 * MS / perSecond;
        for (long i = 0; i < (long) perSecond * seconds; i++) {
            if (limiter.tryAcquire(size, i * step)) {
                passed++;
            }
        }
        return passed;
    }

    @Test
    void messagesPerSecondAreCappedAfterAOneSecondBurst() {
        // 1,000 small records/s for 10 s against 100 msg/s: the full bucket (100) plus 100 per second after it
        int passed = passed(new RateLimiter(100, 10_000_000), 1_000, 10, 10);
        assertTrue(passed >= 1_099 && passed <= 1_100, "passed " + passed);
    }

    @Test
    void bytesPerSecondAreCappedIndependentlyOfTheMessageLimit() {
        // 100 records/s of 10 kB = 1 MB/s against 100 kB/s and a generous message limit: 10 records/s get through
        int passed = passed(new RateLimiter(10_000, 100_000), 100, 10_000, 10);
        assertTrue(passed >= 109 && passed <= 110, "passed " + passed);
    }

    @Test
    void aRecordRefusedByOneBucketTakesNothingFromTheOther() {
        RateLimiter limiter = new RateLimiter(2, 1_000);
        assertTrue(limiter.tryAcquire(1, 0));
        assertFalse(limiter.tryAcquire(5_000, 0), "over the byte budget");
        assertTrue(limiter.tryAcquire(1, 0), "the refused record did not spend a message token");
        assertFalse(limiter.tryAcquire(1, 0), "two messages per second");
    }

    @Test
    void aRecordLargerThanTheWholeByteBudgetPassesWhenTheBucketIsFullAndLeavesADebt() {
        RateLimiter limiter = new RateLimiter(100, 1_000);
        assertTrue(limiter.tryAcquire(3_000, 0), "never refused forever");
        assertFalse(limiter.tryAcquire(1, 1_000 * MS), "after 1 s the 2,000-byte debt is only halved");
        assertTrue(limiter.tryAcquire(1, 3_000 * MS));
    }

    @Test
    void raisedLimitsApplyAtOnce() {
        RateLimiter limiter = new RateLimiter(1, 1_000_000);
        assertTrue(limiter.tryAcquire(1, 0));
        assertFalse(limiter.tryAcquire(1, 0));
        limiter.setLimits(1_000, 1_000_000);
        assertEquals(1_000, limiter.messagesPerSecond());
        assertTrue(limiter.tryAcquire(1, 10 * MS), "10 ms at 1,000/s refills 10 tokens");
    }

    @Test
    void nonPositiveLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, 1));
    }
}
