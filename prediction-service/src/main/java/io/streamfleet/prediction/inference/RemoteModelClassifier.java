package io.streamfleet.prediction.inference;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.config.PredictionConfig;
import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.ClassProbabilitiesCheck;
import io.streamfleet.prediction.domain.Classification;
import io.streamfleet.prediction.domain.Command;
import io.streamfleet.prediction.domain.Reason;

/**
 * Asks the remote model server. The circuit breaker wraps {@link ModelServerCall} (timeout per attempt, retried), so
 * it counts windows, not attempts; its numbers are under
 * {@code quarkus.fault-tolerance."io.streamfleet.prediction.inference.RemoteModelClassifier/classify"} in
 * application.properties. Whatever fails, {@link BuiltInFallback} answers with the built-in model instead. An answer
 * that is not class probabilities ({@link ClassProbabilitiesCheck}) is answered by the built-in model too, with reason
 * {@code invalid-remote-output}; it is not retried and does not open the circuit: the server is up, its model is wrong,
 * and every window says so. Non-blocking throughout: the Kafka consumer's event loop is never held.
 */
@ApplicationScoped
public class RemoteModelClassifier {

    public static final String CIRCUIT = "model-server";

    private static final Logger LOG = Logger.getLogger(RemoteModelClassifier.class);

    private final ModelServerCall call;
    private final BandPowerModel builtIn;
    private final String modelName;
    private final String outputName;
    private final List<Command> classes;
    private final ClassProbabilitiesCheck check;
    private final Counter invalidOutputs;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public RemoteModelClassifier(ModelServerCall call, BandPowerModel builtIn, PredictionConfig config,
            MeterRegistry registry) {
        this.call = call;
        this.builtIn = builtIn;
        PredictionConfig.Remote remote = config.remote();
        this.modelName = remote.modelName();
        this.outputName = remote.outputName();
        this.classes = List.copyOf(remote.classes());
        this.check = new ClassProbabilitiesCheck(classes.size(), remote.probabilitySumTolerance());
        this.invalidOutputs = BuiltInFallback.counter(registry, Reason.INVALID_REMOTE_OUTPUT.wireName());
    }

    /** @param logBandPowers the built-in model's feature layout, not standardised */
    @AsynchronousNonBlocking
    @CircuitBreaker
    @CircuitBreakerName(CIRCUIT)
    @Fallback(BuiltInFallback.class)
    public Uni<ModelAnswer> classify(double[] logBandPowers) {
        return call.infer(logBandPowers)
                .onFailure().invoke(failure -> lastFailure.set(failure.toString()))
                .map(response -> read(response, logBandPowers));
    }

    public String modelName() {
        return modelName;
    }

    /** The last failure after retries (error, timeout) or the last invalid answer; an open circuit is not one. */
    public String lastFailure() {
        return lastFailure.get();
    }

    private ModelAnswer read(InferenceResponse response, double[] logBandPowers) {
        InferenceResponse.Tensor output = response.outputs() == null ? null : response.outputs().stream()
                .filter(tensor -> outputName.equals(tensor.name())).findFirst().orElse(null);
        String problem = output == null ? "no output tensor named " + outputName : check.problem(output.data());
        if (problem != null) {
            invalidOutputs.increment();
            lastFailure.set("invalid output of the model server: " + problem);
            LOG.debugf("remote model answered invalid output (%s), the built-in model answers", problem);
            return new ModelAnswer(builtIn.classify(logBandPowers), Reason.INVALID_REMOTE_OUTPUT);
        }
        String name = response.modelName() == null ? modelName : response.modelName();
        String version = response.modelVersion() == null ? "" : response.modelVersion();
        return new ModelAnswer(Classification.mostProbable(classes, output.data(), name, version), Reason.MODEL);
    }
}
