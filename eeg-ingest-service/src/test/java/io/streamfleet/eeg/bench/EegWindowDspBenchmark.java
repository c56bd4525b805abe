package io.streamfleet.eeg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.streamfleet.eeg.domain.EegFeatures;
import io.streamfleet.eeg.domain.EegFrame;
import io.streamfleet.eeg.domain.EegFrameValidator;
import io.streamfleet.eeg.domain.FeatureExtractor;
import io.streamfleet.eeg.domain.FilterSettings;
import io.streamfleet.eeg.domain.FrameOrigin;
import io.streamfleet.eeg.domain.FrameRules;
import io.streamfleet.eeg.domain.HeadsetWindow;
import io.streamfleet.eeg.domain.HeadsetWindows;
import io.streamfleet.eeg.domain.QualitySettings;
import io.streamfleet.eeg.domain.WindowSettings;
import io.streamfleet.eeg.domain.WindowSnapshot;

/**
 * What the processor's CPU work costs, without Kafka: one window's DSP (8 channels x 500 samples: detrend, notch,
 * band-pass forwards and backwards, Hann FFT, band powers, quality), and the whole per-record path (parse and validate
 * the JSON frame, window it, extract features) for 100 headsets of 8 channels at 250 Hz in frames of 25 samples.
 * Prints CPU time per window and per frame; asserts only that the work was real (alpha found). Not part of {@code ./mvnw verify}:
 * <pre>./mvnw -pl eeg-ingest-service -am verify -Dtest=EegWindowDspBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
class EegWindowDspBenchmark {

    private static final int CHANNELS = 8;
    private static final int RATE = 250;
    private static final int HEADSETS = 100;
    private static final int SAMPLES_PER_FRAME = 25;
    private static final List<String> CYTON = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");

    /** CPU time rather than wall time: the machine is shared, and descheduled time is not this code's cost. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final FeatureExtractor extractor = new FeatureExtractor(FilterSettings.DEFAULTS, QualitySettings.DEFAULTS);

    @Test
    void windowsAndFramesPerSecond() {
        WindowSnapshot window = window();
        int windows = Integer.getInteger("bench.windows", 20_000);
        for (int i = 0; i < windows / 4; i++) {
            extractor.extract(window);
        }
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        EegFeatures last = null;
        for (int i = 0; i < windows; i++) {
            last = extractor.extract(window);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        assertEquals("alpha", last.bands().get("O1").dominant());
        System.out.printf(Locale.ROOT, "%nEegWindowDspBenchmark: one window's DSP (8 ch x 500 samples): %.1f us CPU "
                + "(%.1f us wall), %.0f windows/s per core%n", cpuSeconds * 1e6 / windows, seconds * 1e6 / windows,
                windows / cpuSeconds);

        byte[][] frames = frames(HEADSETS * 40);
        EegFrameValidator validator = new EegFrameValidator(new FrameRules(Set.of(250, 125), 32, 1000, 100));
        runFrames(validator, frames);
        int rounds = Integer.getInteger("bench.rounds", 5);
        long windowsMade = 0;
        cpuStart = CPU.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            windowsMade += runFrames(validator, frames);
        }
        cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long frameCount = (long) rounds * frames.length;
        double needed = HEADSETS * RATE / (double) SAMPLES_PER_FRAME;
        System.out.printf(Locale.ROOT, "EegWindowDspBenchmark: parse + validate + window + features, %d headsets: "
                + "%.0f frames/s and %.0f windows/s per core (%.1f us CPU per frame); 100 headsets at 250 Hz send "
                + "%.0f frames/s and complete %.0f windows/s: %.1f %% of one core%n%n", HEADSETS,
                frameCount / cpuSeconds, windowsMade / cpuSeconds, cpuSeconds * 1e6 / frameCount, needed, needed / 2,
                100 * needed / (frameCount / cpuSeconds));
    }

    /** Feeds every frame through a fresh set of windows; returns how many windows were extracted. */
    private long runFrames(EegFrameValidator validator, byte[][] frames) {
        HeadsetWindows windows = new HeadsetWindows(WindowSettings.DEFAULTS);
        long made = 0;
        for (byte[] json : frames) {
            EegFrame frame = validator.parseRecord(json);
            HeadsetWindow.Accepted accepted = windows.accept(0, frame, FrameOrigin.NONE, 0, true);
            for (WindowSnapshot snapshot : accepted.windows()) {
                extractor.extract(snapshot);
                made++;
            }
        }
        return made;
    }

    private static WindowSnapshot window() {
        double[][] samples = new double[CHANNELS][500];
        for (int c = 0; c < CHANNELS; c++) {
            for (int i = 0; i < 500; i++) {
                samples[c][i] = 1_000 * c + 20 * Math.sin(2 * Math.PI * 10 * i / RATE + c) + Math.sin(i * 0.37);
            }
        }
        return new WindowSnapshot("h1", RATE, CYTON, samples, 0, 2000, 0, FrameOrigin.NONE);
    }

    /** Frames of every headset interleaved, as they arrive on a partition. */
    private static byte[][] frames(int count) {
        byte[][] out = new byte[count][];
        for (int n = 0; n < count; n++) {
            int headset = n % HEADSETS;
            long seq = n / HEADSETS;
            StringJoiner samples = new StringJoiner(",", "[", "]");
            for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
                long k = seq * SAMPLES_PER_FRAME + i;
                StringJoiner values = new StringJoiner(",", "[", "]");
                for (int c = 0; c < CHANNELS; c++) {
                    values.add(String.format(Locale.ROOT, "%.3f", 1_000 * c + 20 * Math.sin(2 * Math.PI * 10 * k / RATE)));
                }
                samples.add(values.toString());
            }
            out[n] = ("{\"headsetId\":\"h" + headset + "\",\"seq\":" + seq + ",\"sampleRateHz\":250,\"channels\":"
                    + "[\"Fp1\",\"Fp2\",\"C3\",\"C4\",\"P7\",\"P8\",\"O1\",\"O2\"],\"firstSampleAt\":"
                    + (1_713_763_500_000L + seq * 100) + ",\"samples\":" + samples + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
