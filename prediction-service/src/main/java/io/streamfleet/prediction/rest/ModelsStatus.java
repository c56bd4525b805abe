package io.streamfleet.prediction.rest;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /models}: which backend answers, the built-in model's provenance, the windows skipped for their age, and
 * the remote server's state.
 */
public record ModelsStatus(String backend, double confidenceThreshold, SkippedWindows skippedWindows,
        BuiltInModel builtIn, RemoteModel remote) {

    /** Windows not predicted because their EEG was older than {@code maxWindowAgeMs} or ahead by more than the skew. */
    public record SkippedWindows(long maxWindowAgeMs, long clockSkewMs, double stale, double future) {
    }

    public record BuiltInModel(String name, String version, String kind, List<String> channels, List<String> bands,
            List<String> classes, String trainedAt, Double trainingAccuracy, Double holdoutAccuracy,
            Map<String, Double> holdoutAccuracyPerClass, Integer trainingExamples, Integer holdoutExamples,
            String dataset) {
    }

    /**
     * {@code circuit} is CLOSED, OPEN or HALF_OPEN; {@code ready} is the server's own readiness answer;
     * {@code fallbacksByCause} splits {@code fallbacks} into error, timeout, circuit-open and invalid-remote-output.
     */
    public record RemoteModel(String url, String modelName, boolean ready, String circuit, double fallbacks,
            Map<String, Double> fallbacksByCause, String lastFailure) {
    }
}
