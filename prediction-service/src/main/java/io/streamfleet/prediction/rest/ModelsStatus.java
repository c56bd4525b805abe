package io.streamfleet.prediction.rest;

import java.util.List;
import java.util.Map;

/** {@code GET /models}: which backend answers, the built-in model's provenance, and the remote server's state. */
public record ModelsStatus(String backend, double confidenceThreshold, BuiltInModel builtIn, RemoteModel remote) {

    public record BuiltInModel(String name, String version, String kind, List<String> channels, List<String> bands,
            List<String> classes, String trainedAt, Double trainingAccuracy, Double holdoutAccuracy,
            Map<String, Double> holdoutAccuracyPerClass, Integer trainingExamples, Integer holdoutExamples,
            String dataset) {
    }

    /** {@code circuit} is CLOSED, OPEN or HALF_OPEN; {@code ready} is the server's own readiness answer. */
    public record RemoteModel(String url, String modelName, boolean ready, String circuit, double fallbacks,
            String lastFailure) {
    }
}
