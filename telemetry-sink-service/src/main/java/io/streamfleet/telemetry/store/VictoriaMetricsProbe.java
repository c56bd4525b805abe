package io.streamfleet.telemetry.store;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.streamfleet.telemetry.config.TelemetryConfig;

/**
 * Whether VictoriaMetrics answers {@code /health}, for readiness and the admin view. One answer is reused for a short
 * while so that frequent probes do not turn into a stream of requests to the endpoint.
 */
@ApplicationScoped
public class VictoriaMetricsProbe {

    /** The last answer and when it was obtained. */
    public record Observation(boolean up, long checkedAtMillis) {
    }

    private final VictoriaMetricsExporter exporter;
    private final long cacheForMillis;
    private final Clock clock = Clock.systemUTC();
    private volatile Observation last = new Observation(false, Long.MIN_VALUE / 2);

    public VictoriaMetricsProbe(VictoriaMetricsExporter exporter, TelemetryConfig config) {
        this.exporter = exporter;
        this.cacheForMillis = config.victoriaMetrics().healthCacheFor().toMillis();
    }

    /** The current state, probing the endpoint if the last answer is too old. */
    public Uni<Observation> observe() {
        Observation cached = last;
        if (clock.millis() - cached.checkedAtMillis() < cacheForMillis) {
            return Uni.createFrom().item(cached);
        }
        return exporter.isHealthy().map(up -> {
            Observation fresh = new Observation(up, clock.millis());
            last = fresh;
            return fresh;
        });
    }
}
