package io.streamfleet.prediction.config;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.streamfleet.prediction.domain.BandPowerModel;

/**
 * Loads the built-in model once, at startup: a file that does not fit its own shape stops the service with the
 * reason, rather than failing on the first window.
 */
public class BuiltInModelProducer {

    private static final Logger LOG = Logger.getLogger(BuiltInModelProducer.class);

    @Produces
    @Singleton
    @Startup
    BandPowerModel builtInModel(PredictionConfig config) {
        PredictionConfig.BuiltIn builtIn = config.builtin();
        BandPowerModel model = builtIn.modelPath().map(Path::of).map(BandPowerModel::load)
                .orElseGet(() -> BandPowerModel.loadResource(builtIn.modelResource()));
        LOG.infof("built-in model %s v%s: %d channels %s, bands %s, %d classes; held-out accuracy %s; dataset: %s",
                model.name(), model.version(), model.channels().size(), model.channels(), model.bands(),
                model.classes().size(), model.file().holdoutAccuracy(), model.file().dataset());
        return model;
    }
}
