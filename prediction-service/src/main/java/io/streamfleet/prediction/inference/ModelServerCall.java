package io.streamfleet.prediction.inference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.config.PredictionConfig;

/**
 * One infer call to the model server, each attempt bounded by a timeout and a failed attempt retried. It is a bean of
 * its own so that {@link RemoteModelClassifier}'s circuit breaker wraps the retried call and sees one outcome per
 * window: SmallRye applies Retry outside CircuitBreaker on one method, which counted every failed attempt against the
 * breaker and opened it at a 20 % error rate. Numbers under
 * {@code quarkus.fault-tolerance."io.streamfleet.prediction.inference.ModelServerCall/infer"}.
 */
@ApplicationScoped
public class ModelServerCall {

    private final ModelServerClient client;
    private final String modelName;
    private final String inputName;

    public ModelServerCall(@RestClient ModelServerClient client, PredictionConfig config) {
        this.client = client;
        this.modelName = config.remote().modelName();
        this.inputName = config.remote().inputName();
    }

    /** @param logBandPowers the built-in model's feature layout, not standardised */
    @AsynchronousNonBlocking
    @Timeout
    @Retry
    public Uni<InferenceResponse> infer(double[] logBandPowers) {
        return client.infer(modelName, InferenceRequest.of(inputName, logBandPowers));
    }
}
