package io.streamfleet.prediction.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link BandPowerModel} by linear discriminant analysis on standardised log band powers: class means, one
 * pooled within-class covariance shrunk towards a scaled identity (band powers of neighbouring channels are strongly
 * correlated and a 40-feature covariance from a few hundred windows is noisy), and class priors from the data. The
 * discriminant {@code w_k = Σ⁻¹μ_k}, {@code b_k = -½ μ_k·w_k + ln π_k} under softmax gives the posterior
 * probabilities. Closed form and deterministic: the same examples give the same model.
 */
public final class LdaTrainer {

    public static final String KIND = "lda";

    /**
     * @param shrinkage 0 = the sample covariance, 1 = a scaled identity (then LDA becomes a nearest-mean classifier)
     * @param dataset   what the model was trained on, kept in the model file
     */
    public record Options(String name, String version, double shrinkage, String dataset) {

        public Options {
            if (!(shrinkage >= 0 && shrinkage <= 1)) {
                throw new IllegalArgumentException("shrinkage must be within [0, 1], was " + shrinkage);
            }
        }

        public static Options defaults(String dataset) {
            return new Options("bandpower-lda", "1", 0.1, dataset);
        }
    }

    private LdaTrainer() {
    }

    public static BandPowerModel train(List<LabelledFeatures> examples, List<String> channels, List<String> bands,
            Options options) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int n = examples.size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = BandPowerModel.logBandPowers(channels, bands, examples.get(i).features());
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            // a constant feature carries no information; 1 keeps it at 0 after standardising
            std[j] = std[j] > 1e-12 ? Math.sqrt(std[j]) : 1.0;
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }

        List<Command> classes = new ArrayList<>();
        for (Command command : Command.values()) {
            if (examples.stream().anyMatch(e -> e.intent() == command)) {
                classes.add(command);
            }
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("examples of at least two commands are needed, found " + classes);
        }
        int k = classes.size();
        double[][] classMean = new double[k][d];
        int[] count = new int[k];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = classes.indexOf(examples.get(i).intent());
            count[label[i]]++;
            for (int j = 0; j < d; j++) {
                classMean[label[i]][j] += z[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                classMean[c][j] /= count[c];
            }
        }

        double[][] covariance = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] centred = new double[d];
            for (int j = 0; j < d; j++) {
                centred[j] = z[i][j] - classMean[label[i]][j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    covariance[a][b] += centred[a] * centred[b];
                }
            }
        }
        int degreesOfFreedom = Math.max(1, n - k);
        double trace = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= degreesOfFreedom;
                covariance[b][a] = covariance[a][b];
            }
            trace += covariance[a][a];
        }
        double target = trace > 0 ? trace / d : 1.0;
        double lambda = options.shrinkage();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                covariance[a][b] *= 1 - lambda;
            }
            // the tiny ridge keeps the matrix positive definite when shrinkage is 0 and a feature is constant
            covariance[a][a] += lambda * target + 1e-9;
        }

        double[][] cholesky = Matrices.cholesky(covariance);
        double[][] weights = new double[k][];
        double[] bias = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = Matrices.solveCholesky(cholesky, classMean[c]);
            bias[c] = -0.5 * Matrices.dot(classMean[c], weights[c]) + Math.log((double) count[c] / n);
        }

        return BandPowerModel.of(new ModelFile(options.name(), options.version(), KIND, List.copyOf(channels),
                List.copyOf(bands), classes.stream().map(Command::name).toList(), mean, std, weights, bias,
                Instant.now().toString(), null, null, null, n, null, options.dataset()));
    }
}
