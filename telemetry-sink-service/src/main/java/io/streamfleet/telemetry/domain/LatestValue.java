package io.streamfleet.telemetry.domain;

/**
 * The newest reading of one source, as the latest-value API serves it.
 *
 * @param kind             which API serves it
 * @param key              the satellite id, sensor id or stream name
 * @param capturedAtMillis device time of the reading (epoch ms)
 * @param body             the JSON to serve, as UTF-8 bytes (for JSON records: the record value as sent), or a
 *                         {@link CameraFrame}
 */
public record LatestValue(Kind kind, String key, long capturedAtMillis, Object body) {

    public enum Kind {
        SATELLITE, SENSOR, STREAM_SAMPLE, STREAM_FRAME
    }
}
