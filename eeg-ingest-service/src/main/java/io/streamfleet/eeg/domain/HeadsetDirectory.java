package io.streamfleet.eeg.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the REST reads show: every headset whose frames this instance processed, its format, frame rate over a recent
 * interval (processing time), when it was last seen, how many of its frames and windows were skipped as not fresh
 * ({@link FrameFreshness}), and its latest published features. Written by the consumer thread, read by HTTP threads.
 * An instance knows only the headsets of its own partitions.
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
        volatile long framesSkippedStale;
        volatile long framesSkippedFuture;
        volatile long windowsSkipped;
        volatile boolean skipping;
        volatile EegFeatures latest;

        Entry(int rateSeconds) {
            this.rate = new RateMeter(rateSeconds);
        }
    }

    /**
     * Records a frame (not a replay) and what its freshness did: a frame that is not fresh is counted by reason, with
     * the windows it completed but that were not published. Returns true when the frame starts or ends a run of
     * skipped frames for its headset, so the caller can log the change once rather than every frame.
     */
    public boolean frameReceived(EegFrame frame, long now, FrameFreshness.Verdict freshness, int skippedWindows) {
        Entry entry = entries.computeIfAbsent(frame.headsetId(), id -> new Entry(rateSeconds));
        entry.rate.record(now);
        entry.sampleRateHz = frame.sampleRateHz();
        entry.channels = frame.channels();
        entry.lastSeenAt = now;
        entry.framesReceived++;
        switch (freshness) {
            case STALE -> entry.framesSkippedStale++;
            case FUTURE -> entry.framesSkippedFuture++;
            case FRESH -> {
            }
        }
        entry.windowsSkipped += skippedWindows;
        boolean skipping = freshness != FrameFreshness.Verdict.FRESH;
        boolean changed = skipping != entry.skipping;
        entry.skipping = skipping;
        return changed;
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
                            entry.rate.perSecond(now), entry.framesReceived, entry.framesSkippedStale,
                            entry.framesSkippedFuture, entry.windowsSkipped, entry.lastSeenAt,
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
