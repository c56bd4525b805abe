package io.streamfleet.eeg.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditions one channel of a window for band-power analysis, in this order: remove the linear trend (electrode offset
 * and drift), notch out mains (IIR notch), band-pass (Butterworth high-pass, order 4, then low-pass, order 8).
 * <p>
 * The IIR sections run forwards then backwards over the window (zero phase, doubled attenuation), with the window
 * extended at both ends by its mirror image and every section starting settled at the signal's level, so the window
 * edges do not ring into the band powers. The cut-offs are the -6 dB points of the forward-backward chain. Each window is filtered on its own, so features depend on the window's samples alone and a
 * reset headset needs no filter history. One conditioner serves one sample rate; it holds no per-call state.
 */
public final class SignalConditioner {

    static final int HIGH_PASS_ORDER = 4;
    static final int LOW_PASS_ORDER = 8;

    private final int sampleRateHz;
    private final Biquad[] sections;

    public SignalConditioner(FilterSettings settings, int sampleRateHz) {
        double nyquist = sampleRateHz / 2.0;
        if (settings.lowCutHz() <= 0 || settings.highCutHz() <= settings.lowCutHz() || settings.highCutHz() >= nyquist) {
            throw new IllegalArgumentException("band-pass " + settings.lowCutHz() + "-" + settings.highCutHz()
                    + " Hz does not fit a sample rate of " + sampleRateHz + " Hz");
        }
        this.sampleRateHz = sampleRateHz;
        List<Biquad> chain = new ArrayList<>();
        // Mains above Nyquist cannot be in the signal (it would have been aliased by the headset's own filter).
        if (settings.mainsHz() > 0 && settings.mainsHz() < nyquist) {
            chain.add(Biquad.notch(settings.mainsHz(), settings.notchQ(), sampleRateHz));
        }
        for (double q : Biquad.butterworthQs(HIGH_PASS_ORDER)) {
            chain.add(Biquad.highPass(settings.lowCutHz(), q, sampleRateHz));
        }
        for (double q : Biquad.butterworthQs(LOW_PASS_ORDER)) {
            chain.add(Biquad.lowPass(settings.highCutHz(), q, sampleRateHz));
        }
        this.sections = chain.toArray(Biquad[]::new);
    }

    /** Detrends, notches and band-passes the signal in place. */
    public void condition(double[] signal) {
        condition(new double[][] { signal });
    }

    /** Detrends, notches and band-passes every channel in place; all channels have the same length. */
    public void condition(double[][] channels) {
        for (double[] channel : channels) {
            Detrend.removeLinearTrend(channel);
        }
        filterZeroPhase(channels);
    }

    /** Notch and band-pass only (no detrend), forwards and backwards: the filter stages on their own. */
    public void filterZeroPhase(double[] signal) {
        filterZeroPhase(new double[][] { signal });
    }

    /** {@link #filterZeroPhase(double[])} of every channel at once (they share one pass through the sections). */
    public void filterZeroPhase(double[][] signals) {
        int channels = signals.length;
        int n = signals[0].length;
        if (n < 2) {
            return;
        }
        // Mirror images of the window's ends (even reflection) carry its oscillations on at the same level, so the
        // 1 Hz high-pass sees no step there; half a second of them (or the whole window) covers its settling.
        int pad = Math.min(n - 1, sampleRateHz / 2);
        int length = n + 2 * pad;
        double[] extended = new double[length * channels];
        for (int c = 0; c < channels; c++) {
            double[] signal = signals[c];
            for (int i = 0; i < pad; i++) {
                extended[i * channels + c] = signal[pad - i];
                extended[(pad + n + i) * channels + c] = signal[n - 2 - i];
            }
            for (int i = 0; i < n; i++) {
                extended[(pad + i) * channels + c] = signal[i];
            }
        }
        double[] level = means(extended, channels);
        for (Biquad section : sections) {
            section.filterSettled(extended, channels, true, level);
        }
        level = means(extended, channels);
        for (Biquad section : sections) {
            section.filterSettled(extended, channels, false, level);
        }
        for (int c = 0; c < channels; c++) {
            double[] signal = signals[c];
            for (int i = 0; i < n; i++) {
                signal[i] = extended[(pad + i) * channels + c];
            }
        }
    }

    private static double[] means(double[] interleaved, int channels) {
        double[] sums = new double[channels];
        for (int i = 0; i < interleaved.length; i++) {
            sums[i % channels] += interleaved[i];
        }
        int frames = interleaved.length / channels;
        for (int c = 0; c < channels; c++) {
            sums[c] /= frames;
        }
        return sums;
    }

    /** The amplitude response of the whole forward-backward chain at a frequency (squared, since it runs twice). */
    public double gainAt(double hz) {
        double gain = 1;
        for (Biquad section : sections) {
            double m = section.magnitudeAt(hz, sampleRateHz);
            gain *= m * m;
        }
        return gain;
    }
}
