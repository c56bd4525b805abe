package io.streamfleet.prediction.inference;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.domain.Classification;
import io.streamfleet.prediction.domain.Command;

/**
 * Asks the remote model server. The call is bounded by a timeout, retried, and guarded by a circuit breaker (numbers
 * under {@code quarkus.fault-tolerance."io.streamfleet.prediction.inference.RemoteModelClassifier/classify"} in
 * application.properties); whatever fails, {@link BuiltInFallback} answers with the built-in model instead.
 * Non-blocking throughout: the Kafka consumer's event loop is never held.
 */
@ApplicationScoped
public class RemoteModelClassifier {

    public static final String CIRCUIT = "model-server";

    private final ModelServerClient client;
    private final String modelName;
    private final String inputName;
    private final String outputName;
    private final List<Command> classes;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public RemoteModelClassifier(@RestClient ModelServerClient client, PredictionConfig config) {
        this.client = client;
        PredictionConfig.Remote remote = config.remote();
        this.modelName = remote.modelName();
        this.inputName = remote.inputName();
        this.outputName = remote.outputName();
        this.classes = List.copyOf(remote.classes());
    }

    /** @param logBandPowers the built-in model's feature layout, not standardised */
    @AsynchronousNonBlocking
    @Timeout(200)
    @Retry(maxRetries = 1, delay = 0)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, successThreshold = 1)
    @CircuitBreakerName(CIRCUIT)
    @Fallback(BuiltInFallback.class)
    public Uni<ModelAnswer> classify(double[] logBandPowers) {
        return client.infer(modelName, InferenceRequest.of(inputName, logBandPowers))
                .map(this::read)
                .onFailure().invoke(failure -> lastFailure.set(failure.toString()));
    }

    public String modelName() {
        return modelName;
    }

    /** The last failure of a call that reached the client (timeouts and an open circuit are counted as fallbacks). */
    public String lastFailure() {
        return lastFailure.get();
    }

    private ModelAnswer read(InferenceResponse response) {
        InferenceResponse.Tensor output = response.outputs() == null ? null : response.outputs().stream()
                .filter(tensor -> outputName.equals(tensor.name())).findFirst().orElse(null);
        if (output == null || output.data() == null || output.data().length != classes.size()) {
            throw new IllegalStateException("model server answered without a " + classes.size()
                    + "-value output tensor named " + outputName);
        }
        String name = response.modelName() == null ? modelName : response.modelName();
        String version = response.modelVersion() == null ? "" : response.modelVersion();
        return new ModelAnswer(Classification.mostProbable(classes, output.data(), name, version), false);
    }
}
