package io.streamfleet.eeg.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a completed window into its {@code eeg-features}: quality flags from the raw samples, then per channel the
 * conditioning chain ({@link SignalConditioner}) and band powers ({@link BandPowerExtractor}). Filter designs and FFT
 * plans are built once per sample rate. Scratch arrays are reused, so one extractor is confined to one thread at a
 * time (the consumer's).
 */
public final class FeatureExtractor {

    private final FilterSettings filters;
    private final QualitySettings quality;
    private final Map<Integer, SignalConditioner> conditioners = new LinkedHashMap<>();
    private final Map<Long, BandPowerExtractor> extractors = new LinkedHashMap<>();

    public FeatureExtractor(FilterSettings filters, QualitySettings quality) {
        this.filters = filters;
        this.quality = quality;
    }

    /** Designs the filters for a sample rate now; throws if the band-pass does not fit it. */
    public synchronized void checkSampleRate(int sampleRateHz) {
        conditioners.computeIfAbsent(sampleRateHz, rate -> new SignalConditioner(filters, rate));
    }

    public synchronized EegFeatures extract(WindowSnapshot window) {
        int rate = window.sampleRateHz();
        SignalConditioner conditioner = conditioners.computeIfAbsent(rate, r -> new SignalConditioner(filters, r));
        int length = window.samples()[0].length;
        BandPowerExtractor bands = extractors.computeIfAbsent(((long) rate << 32) | length,
                key -> new BandPowerExtractor(length, rate));

        List<String> channels = window.channels();
        Map<String, BandPowers> powers = new LinkedHashMap<>();
        List<String> railing = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        double[][] conditioned = new double[channels.size()][];
        for (int c = 0; c < channels.size(); c++) {
            double[] raw = window.samples()[c];
            if (rails(raw)) {
                railing.add(channels.get(c));
            }
            if (variance(raw) < quality.flatVarianceMicrovolts2()) {
                flat.add(channels.get(c));
            }
            conditioned[c] = raw.clone();
        }
        conditioner.condition(conditioned);
        BandPowers[] perChannel = bands.bandPowers(conditioned);
        for (int c = 0; c < channels.size(); c++) {
            powers.put(channels.get(c), perChannel[c]);
        }
        return new EegFeatures(window.headsetId(), window.windowStart(), window.windowEnd(), rate, channels, powers,
                SignalQuality.of(window.droppedFrames(), railing, flat));
    }

    private boolean rails(double[] raw) {
        for (double v : raw) {
            if (Math.abs(v) >= quality.railingMicrovolts()) {
                return true;
            }
        }
        return false;
    }

    static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / x.length;
    }
}
