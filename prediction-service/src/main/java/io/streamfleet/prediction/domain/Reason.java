package io.streamfleet.prediction.domain;

/** Why a prediction names its command (docs/contracts.md, "prediction-results value"). */
public enum Reason {
    /** The classifier's choice. */
    MODEL("model"),
    /** The classifier was below the confidence threshold, so HOVER. */
    LOW_CONFIDENCE("low-confidence"),
    /** The window's quality was not ok, so HOVER without asking any model. */
    SIGNAL_QUALITY("signal-quality"),
    /** The remote model server failed and the built-in model answered. */
    FALLBACK("fallback"),
    /** The remote model server answered something that is not class probabilities; the built-in model answered. */
    INVALID_REMOTE_OUTPUT("invalid-remote-output");

    private final String wireName;

    Reason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
