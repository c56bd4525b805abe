package io.streamfleet.simulator.domain.eeg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * N headsets taking turns: asked for frames at {@link #realTimeFramesPerSecond()}, every headset streams in real time.
 * Headsets start evenly spread over the intent script, so any stretch of the stream holds several commands.
 */
public final class EegHeadsetGroup {

    private final List<SimulatedHeadset> headsets;
    private final EegSimulationSettings settings;
    private int nextHeadset;

    /**
     * @param random seeds each headset's own generator, so one seed repeats the whole group (SplittableRandom: its
     *               Gaussian draws are several times cheaper than java.util.Random's)
     */
    public EegHeadsetGroup(EegSimulationSettings settings, int headsetCount, String idPrefix, RandomGenerator random,
            LongSupplier clockMillis) {
        if (headsetCount < 1) {
            throw new IllegalArgumentException("a headset group needs at least one headset, was " + headsetCount);
        }
        this.settings = settings;
        long scriptLength = settings.script().lengthMillis();
        List<SimulatedHeadset> created = new ArrayList<>(headsetCount);
        for (int i = 0; i < headsetCount; i++) {
            long phase = scriptLength * i / headsetCount;
            created.add(new SimulatedHeadset(idPrefix + (i + 1), settings, phase, new SplittableRandom(random.nextLong()),
                    clockMillis));
        }
        this.headsets = List.copyOf(created);
    }

    /** The next headset's next frame (round robin). */
    public synchronized SimulatedFrame next() {
        SimulatedHeadset headset = headsets.get(nextHeadset);
        nextHeadset = (nextHeadset + 1) % headsets.size();
        return headset.next();
    }

    public List<SimulatedHeadset> headsets() {
        return headsets;
    }

    /** The frame rate at which each headset's device time keeps pace with the wall clock. */
    public double realTimeFramesPerSecond() {
        return headsets.size() * (double) settings.montage().sampleRateHz() / settings.frameSamples();
    }
}
