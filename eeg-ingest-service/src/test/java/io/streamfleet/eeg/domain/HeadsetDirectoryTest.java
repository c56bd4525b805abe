package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.FRESH;
import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.FUTURE;
import static io.streamfleet.eeg.domain.FrameFreshness.Verdict.STALE;
import static io.streamfleet.eeg.domain.TestSignals.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeadsetDirectoryTest {

    private static final long START = 1_713_763_500_000L;
    private static final List<String> TWO = List.of("C3", "C4");

    private final HeadsetDirectory directory = new HeadsetDirectory(Duration.ofSeconds(10));

    private boolean receive(String headset, long seq, FrameFreshness.Verdict verdict, int skippedWindows) {
        return directory.frameReceived(frame(headset, seq, 250, TWO, 25, START, k -> k), START + seq * 100, verdict,
                skippedWindows);
    }

    private HeadsetSummary summary(String headset) {
        return directory.headsets(START + 10_000).stream().filter(h -> h.headsetId().equals(headset)).findFirst()
                .orElseThrow();
    }

    @Test
    void skippedFramesAndWindowsAreCountedPerHeadsetAndReason() {
        receive("h1", 0, STALE, 0);
        receive("h1", 1, STALE, 1);
        receive("h1", 2, FUTURE, 1);
        receive("h1", 3, FRESH, 0);
        receive("h2", 0, FRESH, 0);

        HeadsetSummary h1 = summary("h1");
        assertEquals(4, h1.framesReceived(), "a skipped frame was still received: it fills the window");
        assertEquals(2, h1.framesSkippedStale());
        assertEquals(1, h1.framesSkippedFuture());
        assertEquals(2, h1.windowsSkipped());
        HeadsetSummary h2 = summary("h2");
        assertEquals(0, h2.framesSkippedStale() + h2.framesSkippedFuture() + h2.windowsSkipped());
    }

    @Test
    void onlyTheStartAndTheEndOfARunOfSkippedFramesAreReportedAsAChange() {
        assertFalse(receive("h1", 0, FRESH, 0), "fresh from the start is no change");
        assertTrue(receive("h1", 1, STALE, 0), "a run of skipped frames starts");
        assertFalse(receive("h1", 2, STALE, 1));
        assertFalse(receive("h1", 3, FUTURE, 0), "still skipping, for another reason");
        assertTrue(receive("h1", 4, FRESH, 0), "fresh again");
        assertFalse(receive("h1", 5, FRESH, 0));
        assertTrue(receive("h2", 0, STALE, 0), "a headset whose first frame is stale starts skipping");
    }
}
