package io.streamfleet.simulator.domain.burst;

/**
 * A token bucket on a caller-supplied nanosecond clock: refills at {@code ratePerSecond} up to one second's worth and
 * starts full. A cost larger than the whole bucket is admitted once the bucket is full and leaves it in debt, so an
 * oversized record is slowed down, never refused forever, and the long-run rate still holds.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private double ratePerSecond;
    private double tokens;
    private long lastRefillNanos;
    private boolean started;

    public TokenBucket(double ratePerSecond) {
        setRate(ratePerSecond);
        tokens = capacity();
    }

    public void setRate(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("a token bucket needs a positive finite rate, was " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        tokens = Math.min(tokens, capacity());
    }

    public double rate() {
        return ratePerSecond;
    }

    /** Whether {@code cost} tokens are available now; does not take them. */
    public boolean hasRoomFor(double cost, long nowNanos) {
        refill(nowNanos);
        return tokens >= Math.min(cost, capacity());
    }

    /** Takes {@code cost} tokens; call only after {@link #hasRoomFor} answered true for the same instant. */
    public void take(double cost) {
        tokens -= cost;
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            lastRefillNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity(), tokens + elapsed / NANOS_PER_SECOND * ratePerSecond);
            lastRefillNanos = nowNanos;
        }
    }

    private double capacity() {
        return Math.max(1.0, ratePerSecond);
    }
}
