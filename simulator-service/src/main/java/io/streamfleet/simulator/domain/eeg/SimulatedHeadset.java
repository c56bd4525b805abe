package io.streamfleet.simulator.domain.eeg;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.function.LongSupplier;

/**
 * One simulated OpenBCI headset: a continuous stream of frames whose device time advances by exactly one frame's
 * duration per frame, however fast or slow frames are asked for.
 * <p>
 * Each channel is the sum of five band rhythms (oscillators whose frequency wanders within their band, so each has a
 * spectral width), a 1/f background (Voss-McCartney), white amplifier noise and a mains line component. Rhythm
 * amplitudes wander slowly (a log-normal AR(1) envelope, half shared across channels), differ per headset, and follow
 * the scripted intent through {@link CommandSignatures} with a per-headset strength. Artefacts (railing, flat line,
 * dropped frames) start at random with the configured probabilities.
 */
public final class SimulatedHeadset {

    private static final FrequencyBand[] BANDS = FrequencyBand.values();
    private static final double TWO_PI = 2 * Math.PI;
    private static final int PINK_ROWS = 10;
    private static final double PINK_RMS_MICROVOLTS = 4.0;
    private static final double ENVELOPE_TIME_CONSTANT_SECONDS = 1.0;
    private static final double ENVELOPE_LOG_SD = 0.2;
    private static final double INTENT_TIME_CONSTANT_SECONDS = 0.3;
    private static final double HEADSET_AMPLITUDE_LOG_SD = 0.15;
    private static final double FREQUENCY_TIME_CONSTANT_SECONDS = 0.2;

    private final String id;
    private final EegSimulationSettings settings;
    private final RandomGenerator random;
    private final LongSupplier clockMillis;
    private final long scriptPhaseMillis;
    private final List<String> channelNames;
    private final Electrode[] electrodes;
    private final int channels;
    private final int sampleRateHz;
    private final int artefactSamples;

    private final double[][] baseAmplitude;
    private final double[] centreHz;
    private final double[][] frequencyDeviation;
    private final double[][] phasorCos;
    private final double[][] phasorSin;
    private final double[][] rotationCos;
    private final double[][] rotationSin;
    private final double frequencyDecay;
    private final double dt;
    private final double[][] ownEnvelope;
    private final double[] sharedEnvelope;
    private final double[][] intentLogPower;
    private final double[][] amplitude;
    private final double[][] nextAmplitude;
    private final double envelopeDecay;
    private final double envelopeInnovation;
    private final double intentFollow;
    private final double signatureStrength;

    private final double[][] pinkRows;
    private final double[] pinkSum;
    private final double pinkScale;
    private final double[] whiteSd;
    private final double[] mainsAmplitude;
    private final double mainsAdvance;
    private double mainsPhase;

    private final int[] railingLeft;
    private final double[] railingValue;
    private final int[] flatLeft;
    private final double[] flatValue;
    private final double[] lastValue;

    private boolean started;
    private long originMillis;
    private long seq;
    private long sampleIndex;

    /**
     * @param scriptPhaseMillis where in the intent script this headset starts, so a group does not intend in unison
     * @param random            this headset's own source of randomness: seeded, it makes the headset repeatable
     * @param clockMillis       wall clock read once, at the first frame, to anchor the device timeline
     */
    public SimulatedHeadset(String id, EegSimulationSettings settings, long scriptPhaseMillis, RandomGenerator random,
            LongSupplier clockMillis) {
        this.id = id;
        this.settings = settings;
        this.random = random;
        this.clockMillis = clockMillis;
        this.scriptPhaseMillis = scriptPhaseMillis;
        Montage montage = settings.montage();
        this.channelNames = montage.channelNames();
        this.electrodes = montage.electrodes().toArray(Electrode[]::new);
        this.channels = electrodes.length;
        this.sampleRateHz = montage.sampleRateHz();
        this.artefactSamples = (int) Math.max(1, settings.artefactDurationMillis() * sampleRateHz / 1000);
        this.dt = 1.0 / sampleRateHz;
        double frameSeconds = settings.frameSamples() * dt;

        baseAmplitude = new double[channels][BANDS.length];
        for (int c = 0; c < channels; c++) {
            for (FrequencyBand band : BANDS) {
                baseAmplitude[c][band.ordinal()] = typicalAmplitude(electrodes[c].area(), band)
                        * Math.exp(HEADSET_AMPLITUDE_LOG_SD * random.nextGaussian());
            }
        }
        centreHz = new double[BANDS.length];
        for (FrequencyBand band : BANDS) {
            // the individual alpha frequency differs between people
            centreHz[band.ordinal()] = band == FrequencyBand.ALPHA ? 9 + 2 * random.nextDouble() : typicalCentreHz(band);
        }
        frequencyDeviation = new double[channels][BANDS.length];
        frequencyDecay = Math.exp(-frameSeconds / FREQUENCY_TIME_CONSTANT_SECONDS);
        phasorCos = new double[channels][BANDS.length];
        phasorSin = new double[channels][BANDS.length];
        rotationCos = new double[channels][BANDS.length];
        rotationSin = new double[channels][BANDS.length];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < BANDS.length; b++) {
                double phase = TWO_PI * random.nextDouble();
                phasorCos[c][b] = Math.cos(phase);
                phasorSin[c][b] = Math.sin(phase);
            }
        }
        ownEnvelope = new double[channels][BANDS.length];
        sharedEnvelope = new double[BANDS.length];
        intentLogPower = new double[channels][BANDS.length];
        amplitude = new double[channels][BANDS.length];
        nextAmplitude = new double[channels][BANDS.length];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(baseAmplitude[c], 0, amplitude[c], 0, BANDS.length);
        }
        envelopeDecay = Math.exp(-frameSeconds / ENVELOPE_TIME_CONSTANT_SECONDS);
        envelopeInnovation = ENVELOPE_LOG_SD * Math.sqrt(1 - envelopeDecay * envelopeDecay);
        intentFollow = 1 - Math.exp(-frameSeconds / INTENT_TIME_CONSTANT_SECONDS);
        // some wearers modulate their rhythms more clearly than others
        signatureStrength = 0.7 + 0.6 * random.nextDouble();

        pinkRows = new double[channels][PINK_ROWS];
        pinkSum = new double[channels];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < PINK_ROWS; r++) {
                pinkRows[c][r] = random.nextGaussian();
                pinkSum[c] += pinkRows[c][r];
            }
        }
        pinkScale = PINK_RMS_MICROVOLTS / Math.sqrt(PINK_ROWS);
        whiteSd = new double[channels];
        mainsAmplitude = new double[channels];
        double mainsPickup = 3 + 7 * random.nextDouble();
        for (int c = 0; c < channels; c++) {
            whiteSd[c] = 1 + 1.5 * random.nextDouble();
            mainsAmplitude[c] = mainsPickup * (0.7 + 0.6 * random.nextDouble());
        }
        mainsAdvance = TWO_PI * settings.mainsHz() * dt;
        mainsPhase = TWO_PI * random.nextDouble();

        railingLeft = new int[channels];
        railingValue = new double[channels];
        flatLeft = new int[channels];
        flatValue = new double[channels];
        lastValue = new double[channels];
    }

    public String id() {
        return id;
    }

    /** The next frame of this headset; a dropped frame is generated too, so the timeline and seq move on past it. */
    public SimulatedFrame next() {
        if (!started) {
            originMillis = clockMillis.getAsLong();
            started = true;
        }
        long offsetMillis = sampleIndex * 1000 / sampleRateHz;
        MentalCommand intent = settings.script().commandAt(scriptPhaseMillis + offsetMillis);
        boolean dropped = random.nextDouble() < settings.dropProbability();
        maybeStartArtefacts();
        advanceAmplitudes(intent);
        advanceFrequencies();

        int frameSamples = settings.frameSamples();
        double[][] samples = new double[frameSamples][channels];
        for (int i = 0; i < frameSamples; i++) {
            double progress = (i + 1) / (double) frameSamples;
            double mains = Math.sin(mainsPhase);
            mainsPhase = wrap(mainsPhase + mainsAdvance);
            int pinkRow = Long.numberOfTrailingZeros(sampleIndex + i + 1);
            for (int c = 0; c < channels; c++) {
                double value = rhythms(c, progress) + pink(c, pinkRow) + whiteSd[c] * random.nextGaussian()
                        + mainsAmplitude[c] * mains;
                lastValue[c] = value;
                samples[i][c] = artefactOr(c, value);
            }
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(nextAmplitude[c], 0, amplitude[c], 0, BANDS.length);
        }

        EegFrame frame = new EegFrame(id, seq, sampleRateHz, channelNames, originMillis + offsetMillis, samples);
        seq++;
        sampleIndex += frameSamples;
        return new SimulatedFrame(frame, intent, dropped);
    }

    /** Rhythm amplitudes at the end of this frame; within the frame they glide there linearly, without steps. */
    private void advanceAmplitudes(MentalCommand intent) {
        for (int b = 0; b < BANDS.length; b++) {
            sharedEnvelope[b] = envelopeDecay * sharedEnvelope[b] + envelopeInnovation * random.nextGaussian();
        }
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < BANDS.length; b++) {
                ownEnvelope[c][b] = envelopeDecay * ownEnvelope[c][b] + envelopeInnovation * random.nextGaussian();
                double target = signatureStrength
                        * Math.log(CommandSignatures.powerFactor(intent, electrodes[c], BANDS[b]));
                intentLogPower[c][b] += (target - intentLogPower[c][b]) * intentFollow;
                double logAmplitude = Math.sqrt(0.5) * (sharedEnvelope[b] + ownEnvelope[c][b])
                        + intentLogPower[c][b] / 2;
                nextAmplitude[c][b] = baseAmplitude[c][b] * Math.exp(logAmplitude);
            }
        }
    }

    /**
     * Each rhythm's frequency wanders around its centre (an AR(1) process, clamped inside its band), which spreads
     * its spectral line without the heavy tails a phase random walk would leak into the neighbouring bands.
     */
    private void advanceFrequencies() {
        double innovation = Math.sqrt(1 - frequencyDecay * frequencyDecay);
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < BANDS.length; b++) {
                FrequencyBand band = BANDS[b];
                double spread = frequencySpreadHz(band);
                frequencyDeviation[c][b] = frequencyDecay * frequencyDeviation[c][b]
                        + innovation * spread * random.nextGaussian();
                double margin = 0.5;
                double hz = Math.min(band.highHz() - margin,
                        Math.max(band.lowHz() + margin, centreHz[b] + frequencyDeviation[c][b]));
                rotationCos[c][b] = Math.cos(TWO_PI * hz * dt);
                rotationSin[c][b] = Math.sin(TWO_PI * hz * dt);
                // rotating a unit phasor sample by sample is far cheaper than a sine per sample; renormalising once
                // a frame keeps rounding from growing or shrinking it
                double length = Math.hypot(phasorCos[c][b], phasorSin[c][b]);
                phasorCos[c][b] /= length;
                phasorSin[c][b] /= length;
            }
        }
    }

    private double rhythms(int channel, double progress) {
        double sum = 0;
        double[] from = amplitude[channel];
        double[] to = nextAmplitude[channel];
        double[] cos = phasorCos[channel];
        double[] sin = phasorSin[channel];
        double[] rotCos = rotationCos[channel];
        double[] rotSin = rotationSin[channel];
        for (int b = 0; b < BANDS.length; b++) {
            sum += (from[b] + (to[b] - from[b]) * progress) * sin[b];
            double rotated = cos[b] * rotCos[b] - sin[b] * rotSin[b];
            sin[b] = cos[b] * rotSin[b] + sin[b] * rotCos[b];
            cos[b] = rotated;
        }
        return sum;
    }

    /** Voss-McCartney: row r is redrawn every 2^r samples, so the sum's power falls off as 1/f. */
    private double pink(int channel, int row) {
        if (row < PINK_ROWS) {
            double fresh = random.nextGaussian();
            pinkSum[channel] += fresh - pinkRows[channel][row];
            pinkRows[channel][row] = fresh;
        }
        return pinkScale * pinkSum[channel];
    }

    private void maybeStartArtefacts() {
        if (random.nextDouble() < settings.railingProbability()) {
            int channel = random.nextInt(channels);
            railingLeft[channel] = artefactSamples;
            railingValue[channel] = random.nextBoolean() ? Montage.RAIL_MICROVOLTS : -Montage.RAIL_MICROVOLTS;
        }
        if (random.nextDouble() < settings.flatProbability()) {
            int channel = random.nextInt(channels);
            flatLeft[channel] = artefactSamples;
            flatValue[channel] = roundToHundredth(lastValue[channel]);
        }
    }

    private double artefactOr(int channel, double value) {
        if (railingLeft[channel] > 0) {
            railingLeft[channel]--;
            return railingValue[channel];
        }
        if (flatLeft[channel] > 0) {
            flatLeft[channel]--;
            return flatValue[channel];
        }
        return roundToHundredth(value);
    }

    /** 0.01 µV is finer than the Cyton's resolution (about 0.022 µV) and keeps the JSON short. */
    private static double roundToHundredth(double microvolts) {
        return Math.round(microvolts * 100) / 100.0;
    }

    private static double wrap(double radians) {
        return radians >= TWO_PI ? radians - TWO_PI : radians;
    }

    /** Peak amplitude (µV) of each rhythm by scalp area: alpha strongest at the back, mu over the motor cortex. */
    private static double typicalAmplitude(Electrode.Area area, FrequencyBand band) {
        return switch (band) {
            case DELTA -> area == Electrode.Area.FRONTAL ? 8 : 6;
            case THETA -> area == Electrode.Area.FRONTAL ? 5 : 4;
            case ALPHA -> switch (area) {
                case OCCIPITAL -> 12;
                case PARIETAL -> 8;
                case CENTRAL -> 6;
                case TEMPORAL -> 4;
                case FRONTAL -> 3;
            };
            case BETA -> area == Electrode.Area.CENTRAL ? 4 : 3;
            case GAMMA -> 2;
        };
    }

    private static double typicalCentreHz(FrequencyBand band) {
        return switch (band) {
            case DELTA -> 2.5;
            case THETA -> 6;
            case ALPHA -> 10;
            case BETA -> 20;
            case GAMMA -> 37;
        };
    }

    /** Standard deviation of a rhythm's frequency around its centre. */
    private static double frequencySpreadHz(FrequencyBand band) {
        return switch (band) {
            case DELTA -> 0.5;
            case THETA -> 0.7;
            case ALPHA -> 0.5;
            case BETA -> 3;
            case GAMMA -> 2.5;
        };
    }
}
