package io.streamfleet.eeg.domain;

/**
 * A second-order IIR section (normalised so a0 = 1), designed with the bilinear-transform formulas of R. Bristow-Johnson's
 * "Audio EQ Cookbook". Immutable; the filtering state lives in the caller's arrays so one design serves every channel.
 */
public record Biquad(double b0, double b1, double b2, double a1, double a2) {

    public static Biquad notch(double centreHz, double q, double sampleRateHz) {
        double w0 = 2 * Math.PI * centreHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return normalised(1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad lowPass(double cutoffHz, double q, double sampleRateHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return normalised((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad highPass(double cutoffHz, double q, double sampleRateHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return normalised((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /**
     * The Q of each second-order section of an even-order Butterworth filter: cascading sections with these Qs at the
     * same cutoff gives the maximally flat response of that order.
     */
    public static double[] butterworthQs(int order) {
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException("Butterworth order must be even and >= 2, not " + order);
        }
        double[] qs = new double[order / 2];
        for (int k = 1; k <= order / 2; k++) {
            qs[k - 1] = 1 / (2 * Math.cos((2 * k - 1) * Math.PI / (2 * order)));
        }
        return qs;
    }

    private static Biquad normalised(double b0, double b1, double b2, double a0, double a1, double a2) {
        return new Biquad(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /** Gain at DC: what a constant input comes out multiplied by once the section has settled. */
    public double dcGain() {
        return (b0 + b1 + b2) / (1 + a1 + a2);
    }

    /** |H(f)|: the amplitude response at a frequency. */
    public double magnitudeAt(double hz, double sampleRateHz) {
        double w = 2 * Math.PI * hz / sampleRateHz;
        double numRe = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
        double numIm = -b1 * Math.sin(w) - b2 * Math.sin(2 * w);
        double denRe = 1 + a1 * Math.cos(w) + a2 * Math.cos(2 * w);
        double denIm = -a1 * Math.sin(w) - a2 * Math.sin(2 * w);
        return Math.hypot(numRe, numIm) / Math.hypot(denRe, denIm);
    }

    /**
     * Filters channel-interleaved samples in place ({@code x[i * channels + c]} is sample i of channel c), forwards or
     * backwards, each channel starting from the settled state for a constant input {@code level[c]} (transposed
     * direct form II). Starting settled at the signal's level rather than from zero keeps that level from ringing
     * through the window as a step. Interleaving lets the CPU overlap the channels' otherwise strictly sequential
     * recursions.
     *
     * @param level each channel's input level; replaced by the level its output settles to, where the next section of
     *              a cascade starts
     */
    void filterSettled(double[] x, int channels, boolean forward, double[] level) {
        double[] s1 = new double[channels];
        double[] s2 = new double[channels];
        double dcGain = dcGain();
        for (int c = 0; c < channels; c++) {
            double y0 = dcGain * level[c];
            s2[c] = b2 * level[c] - a2 * y0;
            s1[c] = b1 * level[c] - a1 * y0 + s2[c];
            level[c] = y0;
        }
        int frames = x.length / channels;
        for (int step = 0; step < frames; step++) {
            int base = (forward ? step : frames - 1 - step) * channels;
            for (int c = 0; c < channels; c++) {
                double in = x[base + c];
                double out = b0 * in + s1[c];
                s1[c] = b1 * in - a1 * out + s2[c];
                s2[c] = b2 * in - a2 * out;
                x[base + c] = out;
            }
        }
    }
}
