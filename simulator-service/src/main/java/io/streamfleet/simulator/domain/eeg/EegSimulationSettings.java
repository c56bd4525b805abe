package io.streamfleet.simulator.domain.eeg;

/**
 * What every simulated headset of a group shares. Artefact probabilities are per frame and headset: {@code railing}
 * and {@code flat} start an artefact on one random channel that lasts {@code artefactDurationMillis}; {@code drop}
 * loses that one frame.
 */
public record EegSimulationSettings(Montage montage, int frameSamples, int mainsHz, IntentScript script,
        double railingProbability, double flatProbability, double dropProbability, long artefactDurationMillis) {

    public static final int MAX_FRAME_SAMPLES = 1000;

    public EegSimulationSettings {
        if (frameSamples < 1 || frameSamples > MAX_FRAME_SAMPLES) {
            throw new IllegalArgumentException("frame samples must be 1.." + MAX_FRAME_SAMPLES + ", was " + frameSamples);
        }
        if (mainsHz != 50 && mainsHz != 60) {
            throw new IllegalArgumentException("mains frequency must be 50 or 60 Hz, was " + mainsHz);
        }
        requireProbability("railing", railingProbability);
        requireProbability("flat", flatProbability);
        requireProbability("drop", dropProbability);
        if (artefactDurationMillis <= 0) {
            throw new IllegalArgumentException("artefact duration must be positive, was " + artefactDurationMillis);
        }
    }

    /** Quiet settings for the given montage and script: default frame size, 50 Hz mains, no artefacts. */
    public static EegSimulationSettings clean(Montage montage, IntentScript script) {
        return new EegSimulationSettings(montage, 25, 50, script, 0, 0, 0, 1000);
    }

    /** How long one frame lasts in device time; exact, since both boards sample at a divisor of 1000 Hz. */
    public long frameDurationMillis() {
        return frameSamples * 1000L / montage.sampleRateHz();
    }

    private static void requireProbability(String name, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(name + " probability must be within 0..1, was " + probability);
        }
    }
}
