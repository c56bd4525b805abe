package io.streamfleet.telemetry.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.streamfleet.telemetry.domain.RateMeter;

/** What the sink has done with one topic since it started, for GET /admin/streams. */
public final class TopicActivity {

    private final String topic;
    private final String channel;
    private final RateMeter rate;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong samplesWritten = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
    private volatile long lastSeenAtMillis;
    private volatile long lastCapturedAtMillis;

    TopicActivity(String topic, String channel, int rateWindowSeconds) {
        this.topic = topic;
        this.channel = channel;
        this.rate = new RateMeter(rateWindowSeconds);
    }

    /** One acknowledged batch's share for this topic. */
    void recordDone(int recordCount, long samples, int parked, long newestCapturedAtMillis, long nowMillis) {
        records.addAndGet(recordCount);
        samplesWritten.addAndGet(samples);
        deadLettered.addAndGet(parked);
        rate.record(recordCount, nowMillis);
        lastSeenAtMillis = nowMillis;
        lastCapturedAtMillis = Math.max(lastCapturedAtMillis, newestCapturedAtMillis);
    }

    void processedUpTo(int partition, long offset) {
        nextOffsets.merge(partition, offset + 1, Math::max);
    }

    public String topic() {
        return topic;
    }

    public String channel() {
        return channel;
    }

    public double recordsPerSecond(long nowMillis) {
        return rate.perSecond(nowMillis);
    }

    public long records() {
        return records.get();
    }

    public long samplesWritten() {
        return samplesWritten.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Wall time the last batch with records of this topic was acknowledged; 0 if none yet. */
    public long lastSeenAtMillis() {
        return lastSeenAtMillis;
    }

    /** Newest device time among this topic's stored records; 0 if none yet. */
    public long lastCapturedAtMillis() {
        return lastCapturedAtMillis;
    }

    /** Partition -> offset of the next record to process, for partitions processed since start. */
    public Map<Integer, Long> nextOffsets() {
        return Map.copyOf(nextOffsets);
    }
}
