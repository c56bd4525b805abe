package io.streamfleet.simulator.domain;

/**
 * Turns a target rate into "how many to send now" at each tick of a clock, carrying fractions over so that any rate
 * (0.2/s or 5,000/s) comes out right on average. After a stall it catches up by at most one second's worth, so a
 * paused or slow source never bursts.
 */
public final class RatePacer {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private double perSecond;
    private double credit;
    private long lastTickNanos;
    private boolean started;

    public RatePacer(double perSecond) {
        setRate(perSecond);
    }

    public synchronized void setRate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a positive finite number, was " + perSecond);
        }
        this.perSecond = perSecond;
        credit = Math.min(credit, burstCap());
    }

    public synchronized double rate() {
        return perSecond;
    }

    /** Forgets accumulated credit, e.g. when a source is (re)started. */
    public synchronized void reset(long nowNanos) {
        credit = 0;
        lastTickNanos = nowNanos;
        started = true;
    }

    /** The number of messages due since the previous call. */
    public synchronized int permits(long nowNanos) {
        if (!started) {
            reset(nowNanos);
            return 0;
        }
        long elapsed = Math.max(0, nowNanos - lastTickNanos);
        lastTickNanos = nowNanos;
        credit = Math.min(credit + elapsed / NANOS_PER_SECOND * perSecond, burstCap());
        int due = (int) Math.floor(credit);
        credit -= due;
        return due;
    }

    private double burstCap() {
        return Math.max(1.0, perSecond);
    }
}
