package io.streamfleet.drone.domain;

/**
 * A {@code prediction-results} value (docs/contracts.md): the classifier's command for one EEG window.
 * {@code reason} is {@code model}, {@code fallback}, {@code low-confidence} or {@code signal-quality}.
 */
public record Prediction(String headsetId, Long windowEnd, MentalCommand command, double confidence, String model,
        String modelVersion, long predictedAt, String reason) {

    public static final String REASON_MODEL = "model";
    public static final String REASON_LOW_CONFIDENCE = "low-confidence";
    public static final String REASON_SIGNAL_QUALITY = "signal-quality";
}
