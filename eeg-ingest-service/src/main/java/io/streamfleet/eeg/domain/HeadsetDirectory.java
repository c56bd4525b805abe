package io.streamfleet.eeg.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the REST reads show: every headset whose frames this instance processed, its format, frame rate over a recent
 * interval (processing time), when it was last seen, and its latest published features. Written by the consumer
 * thread, read by HTTP threads. An instance knows only the headsets of its own partitions.
 */
public final class HeadsetDirectory {

    private final int rateSeconds;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public HeadsetDirectory(Duration rateInterval) {
        this.rateSeconds = (int) Math.max(1, rateInterval.toSeconds());
    }

    private static final class Entry {
        final RateMeter rate;
        volatile int sampleRateHz;
        volatile List<String> channels;
        volatile long lastSeenAt;
        volatile long framesReceived;
        volatile EegFeatures latest;

        Entry(int rateSeconds) {
            this.rate = new RateMeter(rateSeconds);
        }
    }

    public void frameReceived(EegFrame frame, long now) {
        Entry entry = entries.computeIfAbsent(frame.headsetId(), id -> new Entry(rateSeconds));
        entry.rate.record(now);
        entry.sampleRateHz = frame.sampleRateHz();
        entry.channels = frame.channels();
        entry.lastSeenAt = now;
        entry.framesReceived++;
    }

    public void featuresPublished(EegFeatures features) {
        Entry entry = entries.get(features.headsetId());
        if (entry != null) {
            entry.latest = features;
        }
    }

    public Optional<EegFeatures> latest(String headsetId) {
        Entry entry = entries.get(headsetId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.latest);
    }

    public List<HeadsetSummary> headsets(long now) {
        return entries.entrySet().stream()
                .map(e -> {
                    Entry entry = e.getValue();
                    EegFeatures latest = entry.latest;
                    return new HeadsetSummary(e.getKey(), entry.sampleRateHz, entry.channels,
                            entry.rate.perSecond(now), entry.framesReceived, entry.lastSeenAt,
                            latest == null ? null : latest.windowEnd(),
                            latest == null ? null : latest.quality().ok());
                })
                .sorted(Comparator.comparing(HeadsetSummary::headsetId))
                .toList();
    }

    /** Forgets headsets not seen since {@code idleSince}; returns how many. */
    public int dropIdle(long idleSince) {
        int before = entries.size();
        entries.values().removeIf(entry -> entry.lastSeenAt < idleSince);
        return before - entries.size();
    }
}
