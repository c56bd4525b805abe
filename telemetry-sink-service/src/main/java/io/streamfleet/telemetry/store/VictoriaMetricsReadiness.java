package io.streamfleet.telemetry.store;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.streamfleet.telemetry.config.TelemetryConfig;

/**
 * Ready only while VictoriaMetrics answers {@code /health}: without it the sink cannot commit anything, so it should
 * take no traffic and the operator should see why. One answer is reused for a short while so frequent probes (and the
 * admin endpoints) do not turn into a stream of requests.
 */
@Readiness
@ApplicationScoped
public class VictoriaMetricsReadiness implements AsyncHealthCheck {

    /** The last answer and when it was obtained. */
    public record Observation(boolean up, long checkedAtMillis) {
    }

    private final VictoriaMetricsExporter exporter;
    private final long cacheForMillis;
    private final String url;
    private final Clock clock = Clock.systemUTC();
    private volatile Observation last = new Observation(false, Long.MIN_VALUE / 2);

    public VictoriaMetricsReadiness(VictoriaMetricsExporter exporter, TelemetryConfig config) {
        this.exporter = exporter;
        this.cacheForMillis = config.victoriaMetrics().healthCacheFor().toMillis();
        this.url = config.victoriaMetrics().url();
    }

    /** The current state, probing the endpoint if the last answer is too old. */
    public Uni<Observation> observe() {
        Observation cached = last;
        long now = clock.millis();
        if (now - cached.checkedAtMillis() < cacheForMillis) {
            return Uni.createFrom().item(cached);
        }
        return exporter.isHealthy().map(up -> {
            Observation fresh = new Observation(up, clock.millis());
            last = fresh;
            return fresh;
        });
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return observe().map(observation -> HealthCheckResponse.named("VictoriaMetrics")
                .status(observation.up())
                .withData("url", url)
                .withData("checkedAt", observation.checkedAtMillis())
                .build());
    }
}
