package io.streamfleet.simulator.domain.eeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedHeadsetTest {

    private static final long START = 1_713_763_500_000L;
    private static final IntentScript HOVERING = IntentScript.parse("HOVER:10s");

    private static SimulatedHeadset headset(EegSimulationSettings settings, long seed) {
        return new SimulatedHeadset("h1", settings, 0, new Random(seed), () -> START);
    }

    private static List<SimulatedFrame> run(SimulatedHeadset headset, int frames) {
        List<SimulatedFrame> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            out.add(headset.next());
        }
        return out;
    }

    private static List<EegFrame> framesOf(List<SimulatedFrame> simulated) {
        return simulated.stream().map(SimulatedFrame::frame).toList();
    }

    private static EegSimulationSettings withArtefacts(double railing, double flat, double drop, long durationMillis) {
        return new EegSimulationSettings(Montage.CYTON, 25, 50, HOVERING, railing, flat, drop, durationMillis);
    }

    @ParameterizedTest
    @EnumSource(Montage.class)
    void framesHaveTheMontagesShapeAndAContinuousDeviceTimeline(Montage montage) {
        EegSimulationSettings settings = EegSimulationSettings.clean(montage, HOVERING);
        List<SimulatedFrame> frames = run(headset(settings, 1), 200);
        long frameMillis = 25 * 1000L / montage.sampleRateHz();
        for (int i = 0; i < frames.size(); i++) {
            EegFrame frame = frames.get(i).frame();
            assertEquals("h1", frame.headsetId());
            assertEquals(i, frame.seq(), "seq counts frames");
            assertEquals(START + i * frameMillis, frame.firstSampleAt(), "each frame starts where the last ended");
            assertEquals(montage.sampleRateHz(), frame.sampleRateHz());
            assertEquals(montage.channelNames(), frame.channels());
            assertEquals(25, frame.samples().length);
            for (double[] sample : frame.samples()) {
                assertEquals(frame.channels().size(), sample.length);
            }
        }
    }

    @Test
    void cytonIsEightChannelsAt250HzAndDaisySixteenAt125Hz() {
        assertEquals(List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2"), Montage.CYTON.channelNames());
        assertEquals(250, Montage.CYTON.sampleRateHz());
        assertEquals(List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2", "F7", "F8", "F3", "F4", "T7", "T8",
                "P3", "P4"), Montage.CYTON_DAISY.channelNames());
        assertEquals(125, Montage.CYTON_DAISY.sampleRateHz());
    }

    @Test
    void theFrameSizeIsConfigurableAndTimeStillAdvancesBySamplesOverRate() {
        EegSimulationSettings settings = new EegSimulationSettings(Montage.CYTON_DAISY, 10, 60, HOVERING, 0, 0, 0, 1000);
        List<EegFrame> frames = framesOf(run(headset(settings, 2), 5));
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(10, frames.get(i).samples().length);
            assertEquals(START + i * 80L, frames.get(i).firstSampleAt(), "10 samples at 125 Hz last 80 ms");
        }
    }

    @Test
    void theDeviceClockIsReadOnceSoTimeDependsOnlyOnFramesNotOnWhenTheyAreAsked() {
        long[] wallClock = { START };
        SimulatedHeadset headset = new SimulatedHeadset("h1", EegSimulationSettings.clean(Montage.CYTON, HOVERING), 0,
                new Random(3), () -> wallClock[0]);
        headset.next();
        wallClock[0] += 60_000;
        assertEquals(START + 100, headset.next().frame().firstSampleAt());
    }

    @Test
    void alphaPeaksNearTenHertzAndIsStrongestOverTheOccipitalChannels() {
        Montage montage = Montage.CYTON;
        List<EegFrame> frames = framesOf(run(headset(EegSimulationSettings.clean(montage, HOVERING), 4), 600));
        int fs = montage.sampleRateHz();
        int o1 = montage.electrodes().indexOf(Electrode.O1);
        int o2 = montage.electrodes().indexOf(Electrode.O2);
        int fp1 = montage.electrodes().indexOf(Electrode.FP1);
        for (int channel : new int[] { o1, o2 }) {
            double[] signal = Spectrum.channel(frames, channel);
            double peakHz = 0;
            double peakPower = 0;
            for (double hz = 4; hz <= 30; hz += 0.5) {
                double power = Spectrum.powerAt(signal, fs, hz, 2);
                if (power > peakPower) {
                    peakPower = power;
                    peakHz = hz;
                }
            }
            assertTrue(peakHz >= 8.5 && peakHz <= 11.5, "the 4-30 Hz peak is alpha, was at " + peakHz + " Hz");
            assertTrue(peakPower > 5 * Spectrum.powerAt(signal, fs, 20, 2), "a clear peak, not a bump");
        }
        int alpha = FrequencyBand.ALPHA.ordinal();
        double occipital = Spectrum.bandPowers(Spectrum.channel(frames, o1), fs, 2)[alpha];
        double frontal = Spectrum.bandPowers(Spectrum.channel(frames, fp1), fs, 2)[alpha];
        assertTrue(occipital > 4 * frontal, "alpha O1 " + occipital + " vs Fp1 " + frontal);
    }

    @ParameterizedTest
    @ValueSource(ints = { 50, 60 })
    void theMainsLineShowsAtTheConfiguredFrequencyOnly(int mainsHz) {
        Montage montage = Montage.CYTON;
        EegSimulationSettings settings = new EegSimulationSettings(montage, 25, mainsHz, HOVERING, 0, 0, 0, 1000);
        double[] signal = Spectrum.channel(framesOf(run(headset(settings, 5), 200)), 0);
        int other = mainsHz == 50 ? 60 : 50;
        double line = Spectrum.powerAt(signal, montage.sampleRateHz(), mainsHz, 2);
        assertTrue(line > 50 * Spectrum.powerAt(signal, montage.sampleRateHz(), other, 2), "line at " + mainsHz);
        assertTrue(line > 50 * Spectrum.powerAt(signal, montage.sampleRateHz(), mainsHz - 5, 2));
    }

    @Test
    void railingAppearsAtTheConfiguredProbabilityPinnedAtTheAdcLimit() {
        int frames = 8_000;
        double probability = 0.05;
        // an artefact lasting exactly one frame (100 ms) shows once per onset
        List<SimulatedFrame> simulated = run(headset(withArtefacts(probability, 0, 0, 100), 6), frames);
        int railingFrames = 0;
        for (SimulatedFrame frame : simulated) {
            boolean railing = false;
            for (int c = 0; c < 8; c++) {
                double first = frame.frame().samples()[0][c];
                if (Math.abs(first) == Montage.RAIL_MICROVOLTS) {
                    railing = true;
                    for (double[] sample : frame.frame().samples()) {
                        assertEquals(first, sample[c], "a railing channel stays pinned for the whole artefact");
                    }
                }
            }
            railingFrames += railing ? 1 : 0;
        }
        assertWithinBinomial(railingFrames, frames, probability);
    }

    @Test
    void aRailingChannelStaysPinnedForTheConfiguredDuration() {
        List<EegFrame> frames = framesOf(run(headset(withArtefacts(0.01, 0, 0, 1000), 7), 5000));
        int longestRun = 0;
        int shortestCompletedRun = Integer.MAX_VALUE;
        for (int c = 0; c < 8; c++) {
            double[] signal = Spectrum.channel(frames, c);
            int run = 0;
            for (int i = 0; i < signal.length; i++) {
                if (Math.abs(signal[i]) == Montage.RAIL_MICROVOLTS) {
                    run++;
                } else if (run > 0) {
                    longestRun = Math.max(longestRun, run);
                    shortestCompletedRun = Math.min(shortestCompletedRun, run);
                    run = 0;
                }
            }
        }
        assertTrue(longestRun >= 250, "one second at 250 Hz, longer only when onsets overlap: " + longestRun);
        assertEquals(250, shortestCompletedRun, "an artefact lasts one second unless another extends it");
    }

    @Test
    void flatLinesAppearAtTheConfiguredProbability() {
        int frames = 8_000;
        double probability = 0.03;
        List<SimulatedFrame> simulated = run(headset(withArtefacts(0, probability, 0, 100), 8), frames);
        int flatFrames = 0;
        for (SimulatedFrame frame : simulated) {
            boolean flat = false;
            for (int c = 0; c < 8; c++) {
                double first = frame.frame().samples()[0][c];
                boolean constant = true;
                for (double[] sample : frame.frame().samples()) {
                    constant &= sample[c] == first;
                }
                flat |= constant;
            }
            flatFrames += flat ? 1 : 0;
        }
        assertWithinBinomial(flatFrames, frames, probability);
    }

    @Test
    void withoutArtefactsNoChannelRailsOrGoesFlat() {
        for (SimulatedFrame frame : run(headset(withArtefacts(0, 0, 0, 100), 9), 2000)) {
            assertTrue(!frame.dropped());
            for (int c = 0; c < 8; c++) {
                double first = frame.frame().samples()[0][c];
                boolean varies = false;
                for (double[] sample : frame.frame().samples()) {
                    assertTrue(Math.abs(sample[c]) < 1000, "plausible µV: " + sample[c]);
                    varies |= sample[c] != first;
                }
                assertTrue(varies);
            }
        }
    }

    @Test
    void droppedFramesAreMarkedAtTheConfiguredProbabilityAndLeaveAGapInSeq() {
        int frames = 8_000;
        double probability = 0.02;
        List<SimulatedFrame> simulated = run(headset(withArtefacts(0, 0, probability, 100), 10), frames);
        List<EegFrame> delivered = simulated.stream().filter(f -> !f.dropped()).map(SimulatedFrame::frame).toList();
        int dropped = frames - delivered.size();
        assertWithinBinomial(dropped, frames, probability);
        long gaps = 0;
        for (int i = 1; i < delivered.size(); i++) {
            long step = delivered.get(i).seq() - delivered.get(i - 1).seq();
            assertTrue(step >= 1);
            gaps += step - 1;
            assertEquals(START + delivered.get(i).seq() * 100, delivered.get(i).firstSampleAt(),
                    "device time keeps running through a lost frame");
        }
        gaps += delivered.get(0).seq() + (frames - 1 - delivered.get(delivered.size() - 1).seq());
        assertEquals(dropped, gaps, "every lost frame is a missing seq");
    }

    @Test
    void everyValueIsFiniteAndWithinTheAdcRangeEvenWithAllArtefacts() {
        for (Montage montage : Montage.values()) {
            EegSimulationSettings settings = new EegSimulationSettings(montage, 25, 60,
                    IntentScript.parse("LEFT:1s,RIGHT:1s,UP:1s,BACK:1s"), 0.05, 0.05, 0.05, 500);
            for (SimulatedFrame frame : run(headset(settings, 11), 4_000)) {
                for (double[] sample : frame.frame().samples()) {
                    for (double value : sample) {
                        assertTrue(Double.isFinite(value) && Math.abs(value) <= Montage.RAIL_MICROVOLTS, "" + value);
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedRepeatsTheSameFrames() {
        EegSimulationSettings settings = withArtefacts(0.01, 0.01, 0.01, 500);
        List<SimulatedFrame> a = run(headset(settings, 12), 300);
        List<SimulatedFrame> b = run(headset(settings, 12), 300);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).dropped(), b.get(i).dropped());
            assertArrayEquals(a.get(i).frame().samples(), b.get(i).frame().samples());
        }
    }

    @Test
    void eachFrameCarriesTheCommandScriptedAtItsFirstSample() {
        SimulatedHeadset headset = new SimulatedHeadset("h1",
                EegSimulationSettings.clean(Montage.CYTON, IntentScript.parse("UP:1s,DOWN:500ms")), 0, new Random(13),
                () -> START);
        List<MentalCommand> intents = run(headset, 30).stream().map(SimulatedFrame::intent).toList();
        for (int i = 0; i < 30; i++) {
            assertEquals(i % 15 < 10 ? MentalCommand.UP : MentalCommand.DOWN, intents.get(i), "frame " + i);
        }
    }

    /** The count of a Binomial(n, p) lies within 5 standard deviations of its mean. */
    private static void assertWithinBinomial(int count, int n, double p) {
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) < 5 * sd, count + " of " + n + " at p=" + p + " (expected " + mean + ")");
    }
}
