package io.streamfleet.telemetry.store;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.streamfleet.telemetry.config.TelemetryConfig;
import io.streamfleet.telemetry.domain.InfluxLineProtocol;
import io.streamfleet.telemetry.domain.MetricPoint;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Writes points to a VictoriaMetrics-compatible endpoint as gzip-compressed Influx line protocol in one request per
 * call. A 2xx means VictoriaMetrics has the samples; the caller commits only then. Short blips are retried here
 * (numbers in application.properties under quarkus.fault-tolerance); a longer outage fails the call with
 * {@link EndpointUnavailableException} (or a timeout) and the consumer waits it out.
 */
@ApplicationScoped
public class VictoriaMetricsExporter {

    /** Statuses that blame the request's content: retrying the same body cannot help. */
    private static final Set<Integer> CONTENT_REJECTED = Set.of(400, 413, 422);
    private static final int MAX_ERROR_BODY = 500;

    private final WebClient client;
    private final String writeUrl;
    private final String healthUrl;
    private final Duration healthTimeout;

    public VictoriaMetricsExporter(Vertx vertx, TelemetryConfig config) {
        TelemetryConfig.VictoriaMetrics endpoint = config.victoriaMetrics();
        String base = endpoint.url().replaceAll("/+$", "");
        this.writeUrl = base + endpoint.writePath();
        this.healthUrl = base + "/health";
        this.healthTimeout = endpoint.healthTimeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setConnectTimeout(2000)
                .setKeepAlive(true)
                .setMaxPoolSize(endpoint.maxConnections())
                .setTryUseCompression(false));
    }

    /** Where the samples go, for the admin view. */
    public String writeUrl() {
        return writeUrl;
    }

    /**
     * Completes when VictoriaMetrics answered 2xx; fails with {@link RejectedWriteException} when it refused the
     * content, and with {@link EndpointUnavailableException}, a timeout or a connection error otherwise.
     */
    @AsynchronousNonBlocking
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, abortOn = RejectedWriteException.class)
    @ExponentialBackoff(maxDelay = 1_000)
    public Uni<Void> write(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> Buffer.buffer(InfluxLineProtocol.gzip(points)))
                .chain(body -> client.postAbs(writeUrl)
                        .putHeader("Content-Encoding", "gzip")
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .sendBuffer(body))
                .invoke(VictoriaMetricsExporter::checkStatus)
                .replaceWithVoid();
    }

    /** True when {@code /health} answers 200 within the configured health timeout. */
    public Uni<Boolean> isHealthy() {
        return client.getAbs(healthUrl).timeout(healthTimeout.toMillis()).send()
                .map(response -> response.statusCode() == 200)
                .onFailure().recoverWithItem(false);
    }

    private static void checkStatus(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.bodyAsString();
        body = body == null ? "" : body.strip();
        // VictoriaMetrics prefixes its reason with the client address and the request URI: keep just the reason.
        if (body.startsWith("remoteAddr:") && body.contains("; ")) {
            body = body.substring(body.lastIndexOf("; ") + 2);
        }
        if (body.length() > MAX_ERROR_BODY) {
            body = body.substring(0, MAX_ERROR_BODY) + "...";
        }
        if (CONTENT_REJECTED.contains(status)) {
            throw new RejectedWriteException(status, body);
        }
        throw new EndpointUnavailableException("VictoriaMetrics answered HTTP " + status + ": " + body);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
