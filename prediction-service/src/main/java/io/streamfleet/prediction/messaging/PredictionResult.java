package io.streamfleet.prediction.messaging;

import io.streamfleet.prediction.domain.Decision;

/** The {@code prediction-results} record value (DESIGN.md's prediction plus {@code reason}, docs/contracts.md). */
public record PredictionResult(String headsetId, long windowEnd, String command, double confidence, String model,
        String modelVersion, long predictedAt, String reason) {

    public static PredictionResult of(String headsetId, long windowEnd, Decision decision, long predictedAt) {
        return new PredictionResult(headsetId, windowEnd, decision.command().name(), decision.confidence(),
                decision.model(), decision.modelVersion(), predictedAt, decision.reason().wireName());
    }
}
