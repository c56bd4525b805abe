package io.streamfleet.simulator.domain.burst;

/**
 * Records and bytes per second over the last complete second, for "actual rate" in the control API. Reads after a
 * quiet spell answer zero rather than the last busy second.
 */
public final class RateMeter {

    private static final long SECOND = 1_000_000_000L;

    private long bucketStartNanos;
    private long bucketRecords;
    private long bucketBytes;
    private double recordsPerSecond;
    private double bytesPerSecond;
    private boolean started;

    public synchronized void record(int recordBytes, long nowNanos) {
        roll(nowNanos);
        bucketRecords++;
        bucketBytes += recordBytes;
    }

    public synchronized double recordsPerSecond(long nowNanos) {
        roll(nowNanos);
        return recordsPerSecond;
    }

    public synchronized double bytesPerSecond(long nowNanos) {
        roll(nowNanos);
        return bytesPerSecond;
    }

    private void roll(long nowNanos) {
        if (!started) {
            started = true;
            bucketStartNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - bucketStartNanos;
        if (elapsed < SECOND) {
            return;
        }
        if (elapsed < 2 * SECOND) {
            recordsPerSecond = bucketRecords * (double) SECOND / elapsed;
            bytesPerSecond = bucketBytes * (double) SECOND / elapsed;
            bucketStartNanos = nowNanos;
        } else {
            // the bucket ended more than a second ago: the last complete second was quiet
            recordsPerSecond = 0;
            bytesPerSecond = 0;
            bucketStartNanos = nowNanos;
        }
        bucketRecords = 0;
        bucketBytes = 0;
    }
}
