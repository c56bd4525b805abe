package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.TestSignals.CYTON;
import static io.streamfleet.eeg.domain.TestSignals.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeadsetWindowTest {

    private static final long START = 1_713_763_500_000L;
    private static final List<String> TWO = List.of("C3", "C4");

    private final HeadsetWindows windows = new HeadsetWindows(WindowSettings.DEFAULTS);

    /** Frames of 25 samples at 250 Hz (100 ms) whose samples count up from 0 across frames. */
    private HeadsetWindow.Accepted send(String headset, long seq) {
        return send(headset, seq, 0);
    }

    private HeadsetWindow.Accepted send(String headset, long seq, int partition) {
        return windows.accept(partition, frame(headset, seq, 250, TWO, 25, START, k -> k),
                new FrameOrigin(1000 + seq, "FORWARD"), 0, true);
    }

    private HeadsetWindow.Accepted sendStale(String headset, long seq) {
        return windows.accept(0, frame(headset, seq, 250, TWO, 25, START, k -> k),
                new FrameOrigin(1000 + seq, "FORWARD"), 0, false);
    }

    private List<WindowSnapshot> sendAll(String headset, long fromSeq, long toSeq) {
        List<WindowSnapshot> out = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            out.addAll(send(headset, seq).windows());
        }
        return out;
    }

    @Test
    void firstWindowWhenFullThenOneEveryHop() {
        // 2 s window = 500 samples = 20 frames; 200 ms hop = 50 samples = every 2nd frame
        List<WindowSnapshot> produced = new ArrayList<>();
        for (long seq = 0; seq < 19; seq++) {
            assertTrue(send("h1", seq).windows().isEmpty(), "no window before the ring is full");
        }
        produced.addAll(send("h1", 19).windows());
        assertEquals(1, produced.size());
        assertTrue(send("h1", 20).windows().isEmpty());
        produced.addAll(send("h1", 21).windows());
        assertEquals(2, produced.size());

        WindowSnapshot first = produced.get(0);
        assertEquals(500, first.samples()[0].length);
        assertEquals(0, first.samples()[0][0]);
        assertEquals(499, first.samples()[0][499]);
        assertEquals(1, first.samples()[1][0], "channel 1 carries its own values");
        assertEquals(START, first.windowStart());
        assertEquals(START + 2000, first.windowEnd());
        assertEquals(1019L, first.newestFrame().producedAt(), "origin is the frame that completed the window");

        WindowSnapshot second = produced.get(1);
        assertEquals(50, second.samples()[0][0], "slid by one hop");
        assertEquals(549, second.samples()[0][499]);
        assertEquals(START + 200, second.windowStart());
        assertEquals(START + 2200, second.windowEnd());
        assertEquals(1021L, second.newestFrame().producedAt());
        assertEquals("FORWARD", second.newestFrame().intent());
    }

    @Test
    void hopAndLengthAreConfigurable() {
        HeadsetWindows custom = new HeadsetWindows(new WindowSettings(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMillis(100)));
        int produced = 0;
        for (long seq = 0; seq < 30; seq++) {
            produced += custom.accept(0, frame("h1", seq, 250, TWO, 25, START, k -> k), FrameOrigin.NONE, 0, true)
                    .windows().size();
        }
        // 1 s = 10 frames for the first window, then one per frame
        assertEquals(21, produced);
    }

    @Test
    void aFrameLongerThanTheHopCompletesSeveralWindows() {
        HeadsetWindows custom = new HeadsetWindows(new WindowSettings(java.time.Duration.ofMillis(400),
                java.time.Duration.ofMillis(40)));
        custom.accept(0, frame("h1", 0, 250, TWO, 100, START, k -> k), FrameOrigin.NONE, 0, true);
        List<WindowSnapshot> out = custom.accept(0, frame("h1", 1, 250, TWO, 100, START, k -> k),
                FrameOrigin.NONE, 0, true).windows();
        assertEquals(10, out.size());
        assertEquals(10, out.get(0).samples()[0][0]);
        assertEquals(100, out.get(9).samples()[0][0]);
    }

    @Test
    void twoInterleavedHeadsetsNeverMix() {
        List<WindowSnapshot> produced = new ArrayList<>();
        for (long seq = 0; seq < 30; seq++) {
            produced.addAll(windows.accept(0, frame("a", seq, 250, TWO, 25, START, k -> 1_000 + k),
                    FrameOrigin.NONE, 0, true).windows());
            produced.addAll(windows.accept(1, frame("b", seq, 250, TWO, 25, START, k -> -1_000 - k),
                    FrameOrigin.NONE, 0, true).windows());
        }
        assertEquals(12, produced.size());
        for (WindowSnapshot window : produced) {
            double[] channel = window.samples()[0];
            for (int i = 1; i < channel.length; i++) {
                double step = channel[i] - channel[i - 1];
                assertEquals(window.headsetId().equals("a") ? 1 : -1, step, 0, "contiguous samples of one headset");
            }
            assertEquals(window.headsetId().equals("a"), channel[0] > 0);
        }
    }

    @Test
    void framesThatAreNotFreshFillTheRingButCompleteNoWindow() {
        int skipped = 0;
        for (long seq = 0; seq <= 29; seq++) {
            HeadsetWindow.Accepted accepted = sendStale("h1", seq);
            assertTrue(accepted.windows().isEmpty(), "frame " + seq + " is not fresh: no window from it");
            skipped += accepted.skippedWindows();
        }
        assertEquals(6, skipped, "frames 19, 21, ..., 29 would have completed a window each");

        // the first fresh frame completes a window at once: the ring is full and in step with the hop
        assertTrue(send("h1", 30).windows().isEmpty(), "frame 30 completes no window, stale or not");
        List<WindowSnapshot> resumed = send("h1", 31).windows();
        assertEquals(1, resumed.size());
        assertEquals(300, resumed.get(0).samples()[0][0], "samples 300-799: frames 12-31, stale ones too");
        assertEquals(799, resumed.get(0).samples()[0][499]);
        assertEquals(1031L, resumed.get(0).newestFrame().producedAt(), "completed by the fresh frame");

        // exactly the window a headset that was never stale gets from frame 31
        HeadsetWindows never = new HeadsetWindows(WindowSettings.DEFAULTS);
        WindowSnapshot expected = null;
        for (long seq = 0; seq <= 31; seq++) {
            List<WindowSnapshot> out = never.accept(0, frame("h1", seq, 250, TWO, 25, START, k -> k),
                    new FrameOrigin(1000 + seq, "FORWARD"), 0, true).windows();
            expected = out.isEmpty() ? expected : out.get(out.size() - 1);
        }
        assertEquals(expected.windowStart(), resumed.get(0).windowStart());
        assertEquals(expected.windowEnd(), resumed.get(0).windowEnd());
        assertTrue(java.util.Arrays.deepEquals(expected.samples(), resumed.get(0).samples()));
    }

    @Test
    void aStaleFrameAfterFreshOnesCompletesNoWindowAndFreshOnesResumeInStep() {
        List<WindowSnapshot> produced = new ArrayList<>(sendAll("h1", 0, 20));
        assertEquals(1, produced.size());
        HeadsetWindow.Accepted stale = sendStale("h1", 21);
        assertTrue(stale.windows().isEmpty());
        assertEquals(1, stale.skippedWindows());
        List<WindowSnapshot> next = sendAll("h1", 22, 23);
        assertEquals(1, next.size(), "the hop goes on counting through the skipped window");
        assertEquals(START + 400, next.get(0).windowStart());
    }

    @Test
    void gapsCrossedWhileSkippingAreReportedOnlyWhileInsideTheWindow() {
        for (long seq = 0; seq <= 9; seq++) {
            sendStale("h1", seq);
        }
        assertEquals(3, sendStale("h1", 13).newlyDroppedFrames());
        for (long seq = 14; seq <= 21; seq++) {
            sendStale("h1", seq);
        }
        List<WindowSnapshot> spanning = send("h1", 22).windows();
        assertEquals(1, spanning.size(), "the 20th frame received fills the ring");
        assertEquals(3, spanning.get(0).droppedFrames(), "the gap lies inside the window");

        for (long seq = 23; seq <= 50; seq++) {
            sendStale("h1", seq);
        }
        List<WindowSnapshot> after = sendAll("h1", 51, 52);
        assertEquals(1, after.size());
        assertEquals(0, after.get(0).droppedFrames(), "the gap slid out while windows were skipped");
    }

    @Test
    void replayedAndDuplicateFramesAreIgnoredNotCounted() {
        List<WindowSnapshot> produced = new ArrayList<>(sendAll("h1", 0, 19));
        assertTrue(send("h1", 19).replay(), "duplicate of the last frame");
        assertTrue(send("h1", 5).replay(), "an older frame");
        produced.addAll(sendAll("h1", 20, 21));
        assertEquals(2, produced.size());
        WindowSnapshot second = produced.get(1);
        assertEquals(50, second.samples()[0][0]);
        assertEquals(549, second.samples()[0][499], "no sample counted twice");
        assertEquals(0, second.droppedFrames());
    }

    @Test
    void gapIsReportedWhileItIsInsideTheWindow() {
        sendAll("h1", 0, 9);
        HeadsetWindow.Accepted afterGap = send("h1", 13);
        assertEquals(3, afterGap.newlyDroppedFrames());
        List<WindowSnapshot> produced = sendAll("h1", 14, 60);
        assertTrue(produced.stream().anyMatch(w -> w.droppedFrames() == 3), "windows spanning the gap report it");
        // frames 0-9 hold values 0-249; frame 13 follows directly with 325: a window spans the gap iff it starts
        // in frames 0-9
        assertEquals(20, produced.size());
        for (WindowSnapshot window : produced) {
            boolean spansGap = window.samples()[0][0] < 250;
            assertEquals(spansGap ? 3 : 0, window.droppedFrames(), "window starting with " + window.samples()[0][0]);
        }
        assertEquals(0, produced.get(produced.size() - 1).droppedFrames(), "the gap slid out");
    }

    @Test
    void sampleRateOrChannelChangeRestartsTheWindow() {
        sendAll("h1", 0, 15);
        HeadsetWindow.Accepted changed = windows.accept(0, frame("h1", 16, 125, TWO, 25, START, k -> k),
                FrameOrigin.NONE, 0, true);
        assertEquals(HeadsetWindow.Reset.SAMPLE_RATE, changed.reset());
        // at 125 Hz the 2 s window is 250 samples = 10 frames; 9 frames so far (16..24) give nothing
        for (long seq = 17; seq < 25; seq++) {
            assertTrue(windows.accept(0, frame("h1", seq, 125, TWO, 25, START, k -> k), FrameOrigin.NONE, 0, true)
                    .windows().isEmpty());
        }
        List<WindowSnapshot> first = windows.accept(0, frame("h1", 25, 125, TWO, 25, START, k -> k),
                FrameOrigin.NONE, 0, true).windows();
        assertEquals(1, first.size());
        assertEquals(125, first.get(0).sampleRateHz());
        assertEquals(16 * 25, first.get(0).samples()[0][0], "nothing from before the change");

        HeadsetWindow.Accepted rewired = windows.accept(0, frame("h1", 26, 125, List.of("C3", "Cz"), 25, START,
                k -> k), FrameOrigin.NONE, 0, true);
        assertEquals(HeadsetWindow.Reset.CHANNELS, rewired.reset());
        assertTrue(rewired.windows().isEmpty());
    }

    @Test
    void aHeadsetThatRestartsItsCounterStartsAFreshWindow() {
        sendAll("h1", 100, 130);
        // seq back to 0 but the device clock moved on: a restart, not a replay
        EegFrame restarted = frame("h1", 0, 250, TWO, 25, START + 60_000, k -> k);
        HeadsetWindow.Accepted accepted = windows.accept(0, restarted, FrameOrigin.NONE, 0, true);
        assertEquals(HeadsetWindow.Reset.SEQ_RESTART, accepted.reset());
        assertTrue(!accepted.replay());
    }

    @Test
    void revokedPartitionsLoseTheirHeadsetsOnly() {
        send("a", 0, 0);
        send("b", 0, 1);
        send("c", 0, 2);
        assertEquals(2, windows.dropPartitions(List.of(0, 2)));
        assertTrue(windows.tracks("b"));
        assertEquals(1, windows.size());
        // a headset whose frames come back later starts from scratch
        HeadsetWindow.Accepted again = send("a", 0, 0);
        assertTrue(!again.replay(), "seq 0 is new to a fresh window");
        assertNull(again.reset());
    }

    @Test
    void aHeadsetMovingPartitionStartsAFreshWindow() {
        sendAll("h1", 0, 15);
        assertTrue(!send("h1", 3, 1).replay(), "state of the old partition is not consulted");
    }

    @Test
    void idleHeadsetsAreDropped() {
        windows.accept(0, frame("old", 0, 250, TWO, 25, START, k -> k), FrameOrigin.NONE, 1_000, true);
        windows.accept(0, frame("new", 0, 250, TWO, 25, START, k -> k), FrameOrigin.NONE, 5_000, true);
        assertEquals(1, windows.dropIdle(2_000));
        assertTrue(windows.tracks("new"));
    }

    @Test
    void windowSettingsAreTurnedIntoSamplesPerRate() {
        assertEquals(500, WindowSettings.DEFAULTS.lengthSamples(250));
        assertEquals(50, WindowSettings.DEFAULTS.hopSamples(250));
        assertEquals(250, WindowSettings.DEFAULTS.lengthSamples(125));
        assertEquals(25, WindowSettings.DEFAULTS.hopSamples(125));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WindowSettings(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2)));
    }
}
