package io.streamfleet.telemetry.domain;

/**
 * Events per second over a sliding window of whole seconds, for the admin view. Cheap enough to update once per
 * consumed batch; not a replacement for the Prometheus counters.
 */
public final class RateMeter {

    private final int window;
    // One slot more than the window: the current, still filling second never overwrites the oldest one counted.
    private final long[] counts;
    private final long[] seconds;

    public RateMeter(int windowSeconds) {
        window = Math.max(1, windowSeconds);
        counts = new long[window + 1];
        seconds = new long[window + 1];
    }

    public synchronized void record(long events, long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) (second % counts.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += events;
    }

    /** Average rate over the window of full seconds before now (the current, partial second is left out). */
    public synchronized double perSecond(long nowMillis) {
        long current = nowMillis / 1000;
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (seconds[slot] < current && seconds[slot] >= current - window) {
                total += counts[slot];
            }
        }
        return (double) total / window;
    }
}
