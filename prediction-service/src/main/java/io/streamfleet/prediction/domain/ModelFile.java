package io.streamfleet.prediction.domain;

import java.util.List;
import java.util.Map;

/**
 * The versioned JSON file a {@link BandPowerModel} is loaded from and the {@link ModelTrainer} writes. Features are
 * {@code log10} of each channel's band power, channel-major ({@code channels} × {@code bands}), standardised with
 * {@code featureMean}/{@code featureStd}; each class scores {@code weights[k]·x + bias[k]} and softmax turns the
 * scores into probabilities (for {@code kind = "lda"} these are the posteriors of a shared-covariance Gaussian model).
 * The accuracy and dataset fields describe how the model was made; they are shown by {@code GET /models}.
 */
public record ModelFile(
        String name,
        String version,
        String kind,
        List<String> channels,
        List<String> bands,
        List<String> classes,
        double[] featureMean,
        double[] featureStd,
        double[][] weights,
        double[] bias,
        String trainedAt,
        Double trainingAccuracy,
        Double holdoutAccuracy,
        Map<String, Double> holdoutAccuracyPerClass,
        Integer trainingExamples,
        Integer holdoutExamples,
        String dataset) {
}
