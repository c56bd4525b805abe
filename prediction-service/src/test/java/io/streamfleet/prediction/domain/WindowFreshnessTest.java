package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.streamfleet.prediction.domain.WindowFreshness.Verdict;

class WindowFreshnessTest {

    private static final long NOW = 1_713_763_600_000L;
    private final WindowFreshness freshness = new WindowFreshness(Duration.ofSeconds(2), Duration.ofMillis(500));

    @Test
    void windowUpToTheMaximumAgeIsFresh() {
        assertEquals(Verdict.FRESH, freshness.judge(NOW, NOW));
        assertEquals(Verdict.FRESH, freshness.judge(NOW - 2_000, NOW));
    }

    @Test
    void windowOlderThanTheMaximumAgeIsStale() {
        assertEquals(Verdict.STALE, freshness.judge(NOW - 2_001, NOW));
        assertEquals(Verdict.STALE, freshness.judge(NOW - 37_000, NOW));
    }

    @Test
    void windowAheadWithinTheSkewIsFreshBeyondItFuture() {
        assertEquals(Verdict.FRESH, freshness.judge(NOW + 500, NOW));
        assertEquals(Verdict.FUTURE, freshness.judge(NOW + 501, NOW));
        assertEquals(Verdict.FUTURE, freshness.judge(Long.MAX_VALUE / 2, NOW));
    }

    @Test
    void verdictsHaveTheirMetricNames() {
        assertEquals("stale", Verdict.STALE.wireName());
        assertEquals("future", Verdict.FUTURE.wireName());
    }

    @Test
    void nonPositiveAgeOrNegativeSkewIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WindowFreshness(Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowFreshness(Duration.ofSeconds(2), Duration.ofMillis(-1)));
    }
}
