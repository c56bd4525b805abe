package io.streamfleet.eeg.domain;

/** Absolute band powers of one channel in µV²: delta 1-4, theta 4-8, alpha 8-13, beta 13-30, gamma 30-45 Hz. */
public record BandPowers(double delta, double theta, double alpha, double beta, double gamma) {

    /** The name of the band holding the most power. */
    public String dominant() {
        double[] values = { delta, theta, alpha, beta, gamma };
        String[] names = { "delta", "theta", "alpha", "beta", "gamma" };
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return names[best];
    }

    public double total() {
        return delta + theta + alpha + beta + gamma;
    }
}
