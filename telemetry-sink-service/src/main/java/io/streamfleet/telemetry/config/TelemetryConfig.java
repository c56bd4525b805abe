package io.streamfleet.telemetry.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of telemetry-sink-service; topic names are in {@link TopicsConfig}. */
@ConfigMapping(prefix = "streamfleet.telemetry")
public interface TelemetryConfig {

    VictoriaMetrics victoriaMetrics();

    WriteRetry writeRetry();

    Limits limits();

    Wearable wearable();

    Admin admin();

    interface VictoriaMetrics {
        /** Base URL of a VictoriaMetrics-compatible endpoint, e.g. {@code http://localhost:8428}. */
        String url();

        /** Path of the Influx line-protocol import, relative to the base URL. */
        @WithDefault("/write?precision=ms")
        String writePath();

        /** How long the readiness check waits for {@code /health}. */
        @WithDefault("1s")
        Duration healthTimeout();

        /** How long one readiness answer is reused: probes may come often, the endpoint needs no hammering. */
        @WithDefault("2s")
        Duration healthCacheFor();

        /** How many connections the writer keeps to the endpoint. */
        @WithDefault("8")
        int maxConnections();
    }

    /**
     * How the consumer waits out an outage of VictoriaMetrics (5xx, connection errors, timeouts): it retries the write
     * with backoff, without polling further or committing, until the endpoint takes the batch.
     */
    interface WriteRetry {
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** What a record may contain before it is parked as malformed. */
    interface Limits {
        /** Longest satellite, sensor or device id (they become label values). */
        @WithDefault("128")
        int maxIdLength();

        /** Most numeric values one record may carry (each is a sample, each name a metric). */
        @WithDefault("1024")
        int maxValuesPerRecord();
    }

    interface Wearable {
        /** Streams whose records are JPEG frames with metadata in headers. */
        @WithDefault("camera-rgb,camera-slam-left,camera-slam-right,camera-eyetracking")
        Set<String> cameraStreams();

        /** Streams whose records are 16-bit little-endian PCM chunks with metadata in headers. */
        @WithDefault("microphone")
        Set<String> audioStreams();
    }

    interface Admin {
        /** Records/s in GET /admin/streams is averaged over this window. */
        @WithDefault("10s")
        Duration rateWindow();
    }
}
