package io.streamfleet.eeg.domain;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Synthetic signals and frames for the domain tests. */
final class TestSignals {

    static final List<String> CYTON = List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2");

    private TestSignals() {
    }

    static double[] sine(double hz, double amplitude, int rate, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    static double power(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return sum / x.length;
    }

    /** Power of the middle half only: away from the edges, where any filter is least certain. */
    static double middlePower(double[] x) {
        double sum = 0;
        int from = x.length / 4;
        int to = x.length - from;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return sum / (to - from);
    }

    /**
     * A frame whose sample at absolute index {@code k} (counted from seq 0) has value {@code signal(k)} on every
     * channel, plus {@code c} on channel c so channels are told apart.
     */
    static EegFrame frame(String headset, long seq, int rate, List<String> channels, int samplesPerFrame,
            long startMillis, IntToDoubleFunction signal) {
        double[][] samples = new double[samplesPerFrame][channels.size()];
        for (int i = 0; i < samplesPerFrame; i++) {
            int k = (int) (seq * samplesPerFrame + i);
            for (int c = 0; c < channels.size(); c++) {
                samples[i][c] = signal.applyAsDouble(k) + c;
            }
        }
        long firstSampleAt = startMillis + Math.round(seq * samplesPerFrame * 1000.0 / rate);
        return new EegFrame(headset, seq, rate, channels, firstSampleAt, samples);
    }
}
