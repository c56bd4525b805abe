package io.streamfleet.prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.LdaTrainer;
import io.streamfleet.prediction.domain.ModelEvaluation;
import io.streamfleet.prediction.domain.SyntheticBandPowers;

/**
 * The built-in model the component tests run with: trained here on {@link SyntheticBandPowers} (the same generator
 * the tests draw windows from), so the tests know what it must predict whatever model the service ships.
 */
public final class TestModels {

    public static final String NAME = "synthetic-test-lda";
    public static final String VERSION = "test-1";
    public static final Path PATH = Path.of("target/test-models/synthetic-bandpower-lda.json");

    private static BandPowerModel model;

    private TestModels() {
    }

    /** Trains and writes the model once per JVM; returns its file's absolute path for the service's configuration. */
    public static synchronized String path() {
        model();
        return PATH.toAbsolutePath().toString();
    }

    public static synchronized BandPowerModel model() {
        if (model == null) {
            var data = new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, 99).dataset(150);
            model = ModelEvaluation.trainAndEvaluate(data, SyntheticBandPowers.CYTON_CHANNELS, 0.25, 42,
                    new LdaTrainer.Options(NAME, VERSION, 0.1, "synthetic, for component tests")).model();
            try {
                model.write(PATH);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
