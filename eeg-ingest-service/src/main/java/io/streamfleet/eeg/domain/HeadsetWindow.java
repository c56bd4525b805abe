package io.streamfleet.eeg.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sliding window of one headset: a ring of the last {@code length} samples per channel. Every {@code hop} samples
 * once the ring is full, the frame that brought the sample completes a window, at once (no waiting for more frames).
 * <p>
 * Rules, in the order a frame meets them:
 * <ul>
 * <li><b>Replay</b>: a frame whose {@code seq} is not above the last one seen is a duplicate or a redelivery and is
 * ignored, unless its device time lies after the last frame's end: then the headset restarted its counter and the
 * window restarts with it.</li>
 * <li><b>Format change</b>: another sample rate or channel list restarts the window (a window never mixes them).</li>
 * <li><b>Gap</b>: a {@code seq} that skips numbers means frames were lost. The window does not restart: it goes on
 * sliding, and every window that spans the gap reports the missing frames in {@code droppedFrames} (so its quality is
 * not ok) until the gap has slid out. Restarting instead would stall features for a whole window length after every
 * lost frame, while the downstream safety policy already ignores windows whose quality is not ok.</li>
 * <li><b>Not fresh</b> ({@link FrameFreshness}): the frame's samples go into the ring like any other, but a window it
 * completes is only counted in {@code skippedWindows}, never snapshotted: crossing a backlog costs no DSP, and when
 * fresh frames resume the ring is full and in step, so their windows come out at once and exactly as without the
 * backlog.</li>
 * </ul>
 * Not thread-safe: {@link HeadsetWindows} serialises access.
 */
public final class HeadsetWindow {

    /** Why a headset's window started over. */
    public enum Reset {
        SAMPLE_RATE, CHANNELS, SEQ_RESTART
    }

    /** What one frame did to the window. */
    public record Accepted(boolean replay, Reset reset, int newlyDroppedFrames, List<WindowSnapshot> windows,
            int skippedWindows) {

        static final Accepted REPLAY = new Accepted(true, null, 0, List.of(), 0);
    }

    private record Gap(long firstSampleAfter, int missingFrames) {
    }

    private final String headsetId;
    private final WindowSettings settings;
    private final int partition;

    private int sampleRateHz;
    private List<String> channels;
    private int length;
    private int hop;
    private double[][] ring;
    private double[] times;
    private long totalSamples;
    private long samplesSinceWindow;
    private final ArrayDeque<Gap> gaps = new ArrayDeque<>();

    private long lastSeq = -1;
    private double lastFrameEnd;
    private long lastActivity;

    public HeadsetWindow(String headsetId, int partition, WindowSettings settings) {
        this.headsetId = headsetId;
        this.partition = partition;
        this.settings = settings;
    }

    public String headsetId() {
        return headsetId;
    }

    public int partition() {
        return partition;
    }

    public long lastActivity() {
        return lastActivity;
    }

    /** {@code fresh}: whether windows this frame completes may be published (else they are only counted). */
    public Accepted accept(EegFrame frame, FrameOrigin origin, long now, boolean fresh) {
        lastActivity = now;
        Reset reset = null;
        if (lastSeq >= 0 && frame.seq() <= lastSeq) {
            if (frame.firstSampleAt() < lastFrameEnd) {
                return Accepted.REPLAY;
            }
            reset = Reset.SEQ_RESTART;
        } else if (ring != null && frame.sampleRateHz() != sampleRateHz) {
            reset = Reset.SAMPLE_RATE;
        } else if (ring != null && !frame.channels().equals(channels)) {
            reset = Reset.CHANNELS;
        }
        if (reset != null || ring == null) {
            restart(frame);
        }
        int newlyDropped = 0;
        if (lastSeq >= 0 && frame.seq() > lastSeq + 1) {
            newlyDropped = (int) Math.min(Integer.MAX_VALUE, frame.seq() - lastSeq - 1);
            gaps.addLast(new Gap(totalSamples, newlyDropped));
        }
        lastSeq = frame.seq();
        lastFrameEnd = frame.endTime();

        List<WindowSnapshot> windows = new ArrayList<>(1);
        int skippedWindows = 0;
        double[][] samples = frame.samples();
        double period = 1000.0 / sampleRateHz;
        for (int i = 0; i < samples.length; i++) {
            int slot = (int) (totalSamples % length);
            double[] values = samples[i];
            for (int c = 0; c < values.length; c++) {
                ring[c][slot] = values[c];
            }
            times[slot] = frame.firstSampleAt() + i * period;
            totalSamples++;
            samplesSinceWindow++;
            if (totalSamples >= length && samplesSinceWindow >= hop) {
                // not fresh: keep the samples (the ring is whole when fresh frames resume), skip the costly DSP
                if (fresh) {
                    windows.add(snapshot(origin));
                } else {
                    skippedWindows++;
                    forgetGapsBefore(totalSamples - length);
                }
                samplesSinceWindow = 0;
            }
        }
        return new Accepted(false, reset, newlyDropped, windows, skippedWindows);
    }

    private void restart(EegFrame frame) {
        sampleRateHz = frame.sampleRateHz();
        channels = frame.channels();
        length = settings.lengthSamples(sampleRateHz);
        hop = settings.hopSamples(sampleRateHz);
        ring = new double[channels.size()][length];
        times = new double[length];
        totalSamples = 0;
        samplesSinceWindow = 0;
        gaps.clear();
        lastSeq = -1;
    }

    /** Gaps are kept oldest first; one lies between samples firstSampleAfter-1 and firstSampleAfter. */
    private void forgetGapsBefore(long firstIndex) {
        while (!gaps.isEmpty() && gaps.peekFirst().firstSampleAfter() <= firstIndex) {
            gaps.removeFirst();
        }
    }

    private WindowSnapshot snapshot(FrameOrigin origin) {
        long firstIndex = totalSamples - length;
        int firstSlot = (int) (firstIndex % length);
        double[][] ordered = new double[ring.length][length];
        for (int c = 0; c < ring.length; c++) {
            System.arraycopy(ring[c], firstSlot, ordered[c], 0, length - firstSlot);
            System.arraycopy(ring[c], 0, ordered[c], length - firstSlot, firstSlot);
        }
        forgetGapsBefore(firstIndex);
        int dropped = 0;
        for (Gap gap : gaps) {
            dropped += gap.missingFrames();
        }
        int lastSlot = (int) ((totalSamples - 1) % length);
        long windowStart = Math.round(times[firstSlot]);
        long windowEnd = Math.round(times[lastSlot] + 1000.0 / sampleRateHz);
        return new WindowSnapshot(headsetId, sampleRateHz, channels, ordered, windowStart, windowEnd, dropped, origin);
    }
}
