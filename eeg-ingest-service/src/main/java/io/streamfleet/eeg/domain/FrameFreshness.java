package io.streamfleet.eeg.domain;

import java.time.Duration;

/**
 * Whether a frame is recent enough for the windows it completes to be published: its production time (epoch ms)
 * may be at most {@code maxAge} old when it is consumed, and at most {@code clockSkew} ahead of this instance's clock
 * (the producer's clock may run a little fast; a time further ahead is a broken or lying clock, and would make old EEG
 * look fresh downstream). Features of a frame that fails are worth nothing to a drone, so after a stall the backlog is
 * jumped rather than replayed.
 */
public final class FrameFreshness {

    public enum Verdict {
        FRESH, STALE, FUTURE
    }

    private final long maxAgeMs;
    private final long clockSkewMs;

    public FrameFreshness(Duration maxAge, Duration clockSkew) {
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("the maximum frame age must be positive, not " + maxAge);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the allowed clock skew must not be negative, not " + clockSkew);
        }
        this.maxAgeMs = maxAge.toMillis();
        this.clockSkewMs = clockSkew.toMillis();
    }

    /** Compared, not subtracted: a garbage header such as Long.MIN_VALUE must not overflow into "fresh". */
    public Verdict judge(long producedAt, long now) {
        if (producedAt > now + clockSkewMs) {
            return Verdict.FUTURE;
        }
        return producedAt < now - maxAgeMs ? Verdict.STALE : Verdict.FRESH;
    }
}
