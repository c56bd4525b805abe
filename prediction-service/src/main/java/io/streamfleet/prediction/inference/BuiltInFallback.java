package io.streamfleet.prediction.inference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamfleet.prediction.domain.BandPowerModel;
import io.streamfleet.prediction.domain.Reason;

/**
 * When the remote model server fails (error, timeout, refused connection, open circuit), the built-in model answers
 * the same window, and {@code streamfleet_prediction_fallbacks_total{cause}} counts it (cause {@code error},
 * {@code timeout}, {@code circuit-open}; {@link RemoteModelClassifier} adds {@code invalid-remote-output}).
 */
@ApplicationScoped
public class BuiltInFallback implements FallbackHandler<Uni<ModelAnswer>> {

    private static final Logger LOG = Logger.getLogger(BuiltInFallback.class);

    private final BandPowerModel builtIn;
    private final MeterRegistry registry;

    public BuiltInFallback(BandPowerModel builtIn, MeterRegistry registry) {
        this.builtIn = builtIn;
        this.registry = registry;
    }

    @Override
    public Uni<ModelAnswer> handle(ExecutionContext context) {
        String cause = cause(context.getFailure());
        counter(registry, cause).increment();
        LOG.debugf("remote model failed (%s), the built-in model answers: %s", cause, context.getFailure());
        double[] logBandPowers = (double[]) context.getParameters()[0];
        return Uni.createFrom().item(new ModelAnswer(builtIn.classify(logBandPowers), Reason.FALLBACK));
    }

    static Counter counter(MeterRegistry registry, String cause) {
        return Counter.builder("streamfleet_prediction_fallbacks")
                .description("windows the built-in model answered in place of the remote one, by cause")
                .tag("cause", cause).register(registry);
    }

    private static String cause(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit-open";
        }
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        return "error";
    }
}
