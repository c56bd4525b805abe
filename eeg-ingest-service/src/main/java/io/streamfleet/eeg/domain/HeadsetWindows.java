package io.streamfleet.eeg.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows of every headset this instance processes, keyed by headset and remembering the partition each headset's
 * frames arrive on. State is per headset, so a window never mixes two headsets; it is dropped when its partition is
 * revoked (another instance now owns that headset and will rebuild the window from the log) and when a headset has
 * been idle too long. Frames of one headset come from one consumer thread; a rebalance may drop state from another
 * thread, so each window is locked while it is used.
 */
public final class HeadsetWindows {

    private final WindowSettings settings;
    private final Map<String, HeadsetWindow> windows = new ConcurrentHashMap<>();

    public HeadsetWindows(WindowSettings settings) {
        this.settings = settings;
    }

    /** {@code fresh}: see {@link HeadsetWindow#accept}. */
    public HeadsetWindow.Accepted accept(int partition, EegFrame frame, FrameOrigin origin, long now, boolean fresh) {
        HeadsetWindow window = windows.compute(frame.headsetId(), (id, existing) ->
                existing != null && existing.partition() == partition ? existing
                        : new HeadsetWindow(id, partition, settings));
        synchronized (window) {
            return window.accept(frame, origin, now, fresh);
        }
    }

    /** Forgets the headsets of these partitions; returns how many were dropped. */
    public int dropPartitions(Collection<Integer> partitions) {
        Set<Integer> revoked = Set.copyOf(partitions);
        int before = windows.size();
        windows.values().removeIf(window -> revoked.contains(window.partition()));
        return before - windows.size();
    }

    /** Forgets headsets that sent nothing since {@code idleSince}; returns how many were dropped. */
    public int dropIdle(long idleSince) {
        int before = windows.size();
        windows.values().removeIf(window -> window.lastActivity() < idleSince);
        return before - windows.size();
    }

    public int size() {
        return windows.size();
    }

    public boolean tracks(String headsetId) {
        return windows.containsKey(headsetId);
    }
}
