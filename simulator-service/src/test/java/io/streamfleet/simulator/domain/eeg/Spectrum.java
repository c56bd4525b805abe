package io.streamfleet.simulator.domain.eeg;

import java.util.List;

/** Test-side spectral analysis, independent of the generator: Hann-windowed DFT periodograms averaged over segments. */
final class Spectrum {

    private Spectrum() {
    }

    /** One channel's samples across consecutive frames. */
    static double[] channel(List<EegFrame> frames, int channel) {
        int perFrame = frames.get(0).samples().length;
        double[] out = new double[frames.size() * perFrame];
        int i = 0;
        for (EegFrame frame : frames) {
            for (double[] sample : frame.samples()) {
                out[i++] = sample[channel];
            }
        }
        return out;
    }

    /** Power (µV²) per {@link FrequencyBand}, averaged over consecutive segments of {@code segmentSeconds}. */
    static double[] bandPowers(double[] signal, int sampleRateHz, double segmentSeconds) {
        int n = (int) Math.round(segmentSeconds * sampleRateHz);
        int segments = signal.length / n;
        if (segments == 0) {
            throw new IllegalArgumentException("signal shorter than one segment");
        }
        FrequencyBand[] bands = FrequencyBand.values();
        double[] total = new double[bands.length];
        for (int s = 0; s < segments; s++) {
            double[] periodogram = periodogram(signal, s * n, n, bands[bands.length - 1].highHz(), sampleRateHz);
            double binHz = (double) sampleRateHz / n;
            for (int k = 0; k < periodogram.length; k++) {
                for (FrequencyBand band : bands) {
                    if (k * binHz >= band.lowHz() && k * binHz < band.highHz()) {
                        total[band.ordinal()] += periodogram[k] / segments;
                    }
                }
            }
        }
        return total;
    }

    /** Power in the DFT bin nearest {@code hz}, averaged over segments of {@code segmentSeconds}. */
    static double powerAt(double[] signal, int sampleRateHz, double hz, double segmentSeconds) {
        int n = (int) Math.round(segmentSeconds * sampleRateHz);
        int k = (int) Math.round(hz * n / sampleRateHz);
        int segments = signal.length / n;
        double total = 0;
        for (int s = 0; s < segments; s++) {
            total += periodogram(signal, s * n, n, (k + 1.0) * sampleRateHz / n, sampleRateHz)[k];
        }
        return total / segments;
    }

    /**
     * One-sided periodogram of {@code n} samples from {@code from}, bins 0 up to {@code maxHz}, normalised so a
     * sinusoid of amplitude A sums to A²/2 over its bins. The segment's mean is removed first.
     */
    static double[] periodogram(double[] signal, int from, int n, double maxHz, int sampleRateHz) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += signal[from + i];
        }
        mean /= n;
        double[] windowed = new double[n];
        double windowEnergy = 0;
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            windowed[i] = (signal[from + i] - mean) * hann;
            windowEnergy += hann * hann;
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
        double binHz = (double) sampleRateHz / n;
        int bins = (int) Math.min(n / 2, Math.ceil(maxHz / binHz));
        double[] power = new double[bins];
        for (int k = 1; k < bins; k++) {
            double re = 0;
            double im = 0;
            int index = 0;
            for (int i = 0; i < n; i++) {
                re += windowed[i] * cos[index];
                im -= windowed[i] * sin[index];
                index += k;
                if (index >= n) {
                    index -= n;
                }
            }
            power[k] = 2 * (re * re + im * im) / (n * windowEnergy);
        }
        return power;
    }
}
