package io.streamfleet.prediction.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamfleet.prediction.domain.Command;

/**
 * Settings of prediction-service; topic names live with their channels under {@code mp.messaging}, and the remote
 * call's timeout, retry and circuit-breaker numbers under {@code quarkus.fault-tolerance} (application.properties).
 */
@ConfigMapping(prefix = "streamfleet.prediction")
public interface PredictionConfig {

    enum Backend {
        /** The built-in band-power model answers every window. */
        BUILTIN,
        /** A KServe v2 / Triton model server answers; the built-in model stands in when it fails. */
        REMOTE
    }

    @WithDefault("builtin")
    Backend backend();

    /** Below this top-class probability the answer is HOVER with reason {@code low-confidence}. */
    @WithDefault("0.5")
    double confidenceThreshold();

    /**
     * A window whose EEG was produced longer ago than this when it is consumed is skipped, not predicted: after a stall
     * the backlog is jumped. The default is in application.properties ({@code EEG_MAX_AGE}).
     */
    Duration maxWindowAge();

    /** How far ahead of this clock a window's EEG time may be before it is skipped as from the future. */
    Duration clockSkew();

    BuiltIn builtin();

    Remote remote();

    /** How many headsets {@code GET /predictions/{headsetId}/latest} remembers (least recently updated go first). */
    @WithDefault("10000")
    int latestMaxHeadsets();

    interface BuiltIn {
        /** A model file on disk; when set it replaces the one shipped on the classpath. */
        Optional<String> modelPath();

        /** The model shipped in the application, used when no model path is set. */
        @WithDefault("models/bandpower-lda.json")
        String modelResource();
    }

    /**
     * The remote model: its input is the built-in model's feature layout (log10 band power per channel × band,
     * channel-major, not standardised) as one FP32 tensor {@code [1, N]}; its output one FP32 tensor of class
     * probabilities in the order of {@link #classes()}. The server's URL is {@code quarkus.rest-client.model-server.url}.
     */
    interface Remote {
        @WithDefault("bandpower")
        String modelName();

        @WithDefault("band_powers")
        String inputName();

        @WithDefault("probabilities")
        String outputName();

        @WithDefault("HOVER,TAKEOFF,LAND,UP,DOWN,LEFT,RIGHT,FORWARD,BACK,ROTATE_CW,ROTATE_CCW")
        List<Command> classes();

        /** How far the output's sum may be from 1 before it is refused as not being probabilities. */
        double probabilitySumTolerance();
    }
}
