package io.streamfleet.prediction.domain;

/**
 * Whether a model's output can be read as class probabilities: one finite value in [0, 1] per class, summing to 1
 * within a tolerance. A model deployed with another class list, or an output layer without softmax, fails here
 * instead of steering a drone with numbers that only look like confidences.
 */
public final class ClassProbabilitiesCheck {

    private final int classes;
    private final double sumTolerance;

    /** @param sumTolerance how far the sum may be from 1 (FP32 rounding of a softmax is far below 0.001) */
    public ClassProbabilitiesCheck(int classes, double sumTolerance) {
        if (classes < 1) {
            throw new IllegalArgumentException("a model needs at least one class, was " + classes);
        }
        if (!(sumTolerance >= 0 && sumTolerance < 1)) {
            throw new IllegalArgumentException("sum tolerance must be within [0, 1), was " + sumTolerance);
        }
        this.classes = classes;
        this.sumTolerance = sumTolerance;
    }

    /** @return what is wrong with {@code probabilities}, or null when they are valid */
    public String problem(double[] probabilities) {
        if (probabilities == null) {
            return "no probabilities";
        }
        if (probabilities.length != classes) {
            return probabilities.length + " probabilities for " + classes + " classes";
        }
        double sum = 0;
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            if (!Double.isFinite(p)) {
                return "probability " + k + " is " + p;
            }
            if (p < 0 || p > 1) {
                return "probability " + k + " is " + p + ", outside [0, 1]";
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > sumTolerance) {
            return "probabilities sum to " + sum + ", not 1 within " + sumTolerance;
        }
        return null;
    }
}
