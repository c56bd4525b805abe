package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.FRESH;
import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.FUTURE;
import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.STALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FrameFreshnessTest {

    private static final long NOW = 1_713_763_500_000L;

    private final FrameFreshness freshness = new FrameFreshness(Duration.ofSeconds(2), Duration.ofMillis(500));

    @Test
    void aFrameUpToTheMaximumAgeIsFreshAndOneMillisecondOlderIsStale() {
        assertEquals(FRESH, freshness.judge(NOW, NOW));
        assertEquals(FRESH, freshness.judge(NOW - 2_000, NOW));
        assertEquals(STALE, freshness.judge(NOW - 2_001, NOW));
        assertEquals(STALE, freshness.judge(NOW - 37_000, NOW), "the 37 s old EEG of issue 14");
    }

    @Test
    void aFrameAheadOfTheClockIsFreshWithinTheSkewAndFutureBeyondIt() {
        assertEquals(FRESH, freshness.judge(NOW + 500, NOW));
        assertEquals(FUTURE, freshness.judge(NOW + 501, NOW));
        assertEquals(FUTURE, freshness.judge(NOW + 3_600_000, NOW));
    }

    @Test
    void garbageTimesDoNotOverflowIntoFresh() {
        assertEquals(STALE, freshness.judge(Long.MIN_VALUE, NOW));
        assertEquals(STALE, freshness.judge(-1, NOW), "a record without a timestamp");
        assertEquals(FUTURE, freshness.judge(Long.MAX_VALUE, NOW));
    }

    @Test
    void limitsAreConfigurable() {
        FrameFreshness strict = new FrameFreshness(Duration.ofMillis(100), Duration.ZERO);
        assertEquals(STALE, strict.judge(NOW - 101, NOW));
        assertEquals(FRESH, strict.judge(NOW - 100, NOW));
        assertEquals(FUTURE, strict.judge(NOW + 1, NOW));
    }

    @Test
    void aZeroMaximumAgeOrNegativeSkewIsRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new FrameFreshness(Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameFreshness(Duration.ofSeconds(2), Duration.ofMillis(-1)));
    }
}
