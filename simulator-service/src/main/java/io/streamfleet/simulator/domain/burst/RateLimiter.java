package io.streamfleet.simulator.domain.burst;

/**
 * Limits one source to a number of messages per second and of bytes per second at once (two token buckets, each
 * allowing a one-second burst). A record passes only if both have room, and then pays in both.
 */
public final class RateLimiter {

    private final TokenBucket messages;
    private final TokenBucket bytes;

    public RateLimiter(double messagesPerSecond, double bytesPerSecond) {
        this.messages = new TokenBucket(messagesPerSecond);
        this.bytes = new TokenBucket(bytesPerSecond);
    }

    public synchronized boolean tryAcquire(int recordBytes, long nowNanos) {
        boolean room = messages.hasRoomFor(1, nowNanos);
        room &= bytes.hasRoomFor(recordBytes, nowNanos);
        if (!room) {
            return false;
        }
        messages.take(1);
        bytes.take(recordBytes);
        return true;
    }

    public synchronized double messagesPerSecond() {
        return messages.rate();
    }

    public synchronized double bytesPerSecond() {
        return bytes.rate();
    }

    public synchronized void setLimits(double messagesPerSecond, double bytesPerSecond) {
        messages.setRate(messagesPerSecond);
        bytes.setRate(bytesPerSecond);
    }
}
