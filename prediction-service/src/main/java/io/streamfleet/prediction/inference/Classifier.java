package io.streamfleet.prediction.inference;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.Classification;
import io.streamfleet.prediction.domain.Reason;

/** The configured backend: the built-in model, or the remote model server with the built-in one as its fallback. */
@Singleton
public class Classifier {

    private final BandPowerModel builtIn;
    private final RemoteModelClassifier remote;
    private final PredictionConfig.Backend backend;

    private final CircuitBreakerMaintenance circuits;

    public Classifier(BandPowerModel builtIn, RemoteModelClassifier remote, PredictionConfig config,
            CircuitBreakerMaintenance circuits, MeterRegistry registry) {
        this.builtIn = builtIn;
        this.remote = remote;
        this.backend = config.backend();
        this.circuits = circuits;
        if (backend == PredictionConfig.Backend.REMOTE) {
            Gauge.builder("streamfleet_prediction_remote_circuit_state", this, c -> c.circuitState().ordinal())
                    .description("circuit breaker of the remote model server: 0 closed, 1 open, 2 half-open")
                    .register(registry);
        }
    }

    public CircuitBreakerState circuitState() {
        return circuits.currentState(RemoteModelClassifier.CIRCUIT);
    }

    public PredictionConfig.Backend backend() {
        return backend;
    }

    /** @param logBandPowers {@link BandPowerModel#logBandPowers} of the window */
    public Uni<ModelAnswer> classify(double[] logBandPowers) {
        if (backend == PredictionConfig.Backend.REMOTE) {
            return remote.classify(logBandPowers);
        }
        Classification answer = builtIn.classify(logBandPowers);
        return Uni.createFrom().item(new ModelAnswer(answer, Reason.MODEL));
    }
}
