package io.streamfleet.prediction.domain;

import java.util.List;

/** A model's answer for one window: its most probable command, that probability, and which model answered. */
public record Classification(Command command, double confidence, String model, String modelVersion) {

    /** The most probable class; ties go to the earlier class. */
    public static Classification mostProbable(List<Command> classes, double[] probabilities, String model,
            String modelVersion) {
        if (probabilities.length != classes.size()) {
            throw new IllegalArgumentException(
                    probabilities.length + " probabilities for " + classes.size() + " classes");
        }
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return new Classification(classes.get(best), probabilities[best], model, modelVersion);
    }
}
