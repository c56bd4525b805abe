package io.streamfleet.eeg.domain;

import java.util.Arrays;

/**
 * Events per second over a recent interval, counted in one-second buckets (a fixed amount of memory however fast the
 * events come). A source seen for less than the interval is measured over the time it has been seen.
 */
public final class RateMeter {

    private final int seconds;
    private final long[] counts;
    private final long[] bucketSecond;
    private long firstEventAt = -1;

    public RateMeter(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("the interval must be at least one second");
        }
        this.seconds = seconds;
        this.counts = new long[seconds];
        this.bucketSecond = new long[seconds];
        Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    public synchronized void record(long nowMillis) {
        if (firstEventAt < 0) {
            firstEventAt = nowMillis;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        int slot = (int) Math.floorMod(second, seconds);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    public synchronized double perSecond(long nowMillis) {
        if (firstEventAt < 0) {
            return 0;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int slot = 0; slot < seconds; slot++) {
            if (bucketSecond[slot] > second - seconds && bucketSecond[slot] <= second) {
                total += counts[slot];
            }
        }
        // the buckets cover the current, partial second too; never divide by less than one second
        double spanSeconds = Math.min(seconds, Math.max(1.0, (nowMillis - firstEventAt) / 1000.0));
        return total / spanSeconds;
    }
}
