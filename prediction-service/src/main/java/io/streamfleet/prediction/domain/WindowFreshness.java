package io.streamfleet.prediction.domain;

import java.time.Duration;

/**
 * Whether a window's EEG is still young enough to predict on. The age is taken from the production time of the EEG
 * behind the window, not from when the window reached this service: after a stall every window of the backlog arrives
 * "now", but the thoughts in it are as old as they are. A time ahead of this clock by more than the allowed skew is
 * refused too, or a wrong clock upstream would make any window look fresh.
 */
public final class WindowFreshness {

    public enum Verdict {
        FRESH("fresh"),
        /** Older than the maximum age when consumed. */
        STALE("stale"),
        /** Ahead of this clock by more than the allowed skew. */
        FUTURE("future");

        private final String wireName;

        Verdict(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final long maxAgeMillis;
    private final long clockSkewMillis;

    public WindowFreshness(Duration maxAge, Duration clockSkew) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maximum window age must be positive, was " + maxAge);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative, was " + clockSkew);
        }
        this.maxAgeMillis = maxAge.toMillis();
        this.clockSkewMillis = clockSkew.toMillis();
    }

    /** @param originMillis epoch ms the window's EEG was produced; {@code nowMillis} this instance's clock */
    public Verdict judge(long originMillis, long nowMillis) {
        long age = nowMillis - originMillis;
        if (age > maxAgeMillis) {
            return Verdict.STALE;
        }
        if (-age > clockSkewMillis) {
            return Verdict.FUTURE;
        }
        return Verdict.FRESH;
    }
}
