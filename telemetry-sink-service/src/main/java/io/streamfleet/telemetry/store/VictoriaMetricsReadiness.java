package io.streamfleet.telemetry.store;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.streamfleet.telemetry.config.TelemetryConfig;

/**
 * Ready only while VictoriaMetrics answers: without it the sink cannot acknowledge anything, so it should take no
 * traffic, and the operator should see why.
 */
@Readiness
@ApplicationScoped
public class VictoriaMetricsReadiness implements AsyncHealthCheck {

    private final VictoriaMetricsProbe probe;
    private final String url;

    public VictoriaMetricsReadiness(VictoriaMetricsProbe probe, TelemetryConfig config) {
        this.probe = probe;
        this.url = config.victoriaMetrics().url();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe.observe().map(observation -> HealthCheckResponse.named("VictoriaMetrics")
                .status(observation.up())
                .withData("url", url)
                .withData("checkedAt", observation.checkedAtMillis())
                .build());
    }
}
