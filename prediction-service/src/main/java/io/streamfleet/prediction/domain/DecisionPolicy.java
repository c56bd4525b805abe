package io.streamfleet.prediction.domain;

/**
 * Turns a model's answer into the command this service publishes. In order: a window whose signal quality is not ok
 * is HOVER ({@code signal-quality}) whatever a model would say; an answer below the confidence threshold is HOVER
 * ({@code low-confidence}, the answer's confidence still reported); otherwise the answer stands with the reason of
 * whoever answered: {@code model}, or {@code fallback} / {@code invalid-remote-output} when the built-in model answered
 * because the remote one failed or answered nonsense.
 */
public final class DecisionPolicy {

    private final double confidenceThreshold;

    public DecisionPolicy(double confidenceThreshold) {
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw new IllegalArgumentException("confidence threshold must be within [0, 1], was " + confidenceThreshold);
        }
        this.confidenceThreshold = confidenceThreshold;
    }

    public double confidenceThreshold() {
        return confidenceThreshold;
    }

    /** For a window whose quality is not ok: no model is consulted, {@code model} names the built-in one. */
    public Decision badSignal(String model, String modelVersion) {
        return new Decision(Command.HOVER, 0.0, model, modelVersion, Reason.SIGNAL_QUALITY);
    }

    /** @param source {@link Reason#MODEL}, or why the built-in model answered in place of the remote one */
    public Decision decide(Classification answer, Reason source) {
        if (answer.confidence() < confidenceThreshold) {
            return new Decision(Command.HOVER, answer.confidence(), answer.model(), answer.modelVersion(),
                    Reason.LOW_CONFIDENCE);
        }
        return new Decision(answer.command(), answer.confidence(), answer.model(), answer.modelVersion(),
                source);
    }
}
