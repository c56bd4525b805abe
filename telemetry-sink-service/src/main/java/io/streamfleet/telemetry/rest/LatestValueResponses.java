package io.streamfleet.telemetry.rest;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.streamfleet.telemetry.config.TelemetryConfig;
import io.streamfleet.telemetry.config.TopicsConfig;
import io.streamfleet.telemetry.domain.CameraFrame;
import io.streamfleet.telemetry.domain.LatestValue;
import io.streamfleet.telemetry.domain.LatestValues;

/**
 * The latest-value answers, shared by streamfleet's own paths and the wearable platform's legacy ones. JSON readings
 * are served as their record carried them (the producers' contract is what dashboards already parse); every answer
 * carries the device time in {@code X-Captured-At} (ISO-8601, UTC).
 */
@ApplicationScoped
public class LatestValueResponses {

    public static final String CAPTURED_AT = "X-Captured-At";

    private final LatestValues latest;
    private final Set<String> streams = new TreeSet<>();
    private final Set<String> cameraStreams;

    public LatestValueResponses(LatestValues latest, TopicsConfig topics, TelemetryConfig config) {
        this.latest = latest;
        this.cameraStreams = config.wearable().cameraStreams();
        topics.wearableSensors().forEach(topic -> streams.add(topic.substring(topics.wearablePrefix().length())));
        topics.wearableMedia().forEach(topic -> streams.add(topic.substring(topics.wearablePrefix().length())));
    }

    public Response image(String stream) {
        knownStream(stream);
        if (!cameraStreams.contains(stream)) {
            throw new UnknownIdException("stream", stream + " is not a camera stream; its latest value is at "
                    + "/streams/sensors/" + stream + "/latest");
        }
        LatestValue value = latest.get(LatestValue.Kind.STREAM_FRAME, stream)
                .orElseThrow(() -> new UnknownIdException("stream", "no frame of " + stream + " received yet"));
        CameraFrame frame = (CameraFrame) value.body();
        return Response.ok(frame.jpeg(), "image/jpeg")
                .header(CAPTURED_AT, Instant.ofEpochMilli(value.capturedAtMillis()).toString())
                .header("X-Captured-At-Nanos", frame.capturedAtNanos())
                .header("X-Image-Width", frame.width())
                .header("X-Image-Height", frame.height())
                .header("X-Device-Id", frame.deviceId())
                .header("X-Stream", stream)
                .header("Cache-Control", "no-store")
                .build();
    }

    public Response streamSample(String stream) {
        knownStream(stream);
        if (cameraStreams.contains(stream)) {
            throw new UnknownIdException("stream", stream + " is a camera stream; its latest frame is at "
                    + "/streams/images/" + stream + "/latest");
        }
        return json(latest.get(LatestValue.Kind.STREAM_SAMPLE, stream)
                .orElseThrow(() -> new UnknownIdException("stream", "no sample of " + stream + " received yet")));
    }

    public Response satellite(String satelliteId) {
        return json(latest.get(LatestValue.Kind.SATELLITE, satelliteId).orElseThrow(() -> new UnknownIdException(
                "satelliteId", "no telemetry received from satellite " + satelliteId)));
    }

    public Response sensor(String sensorId) {
        return json(latest.get(LatestValue.Kind.SENSOR, sensorId).orElseThrow(() -> new UnknownIdException(
                "sensorId", "no reading received from sensor " + sensorId)));
    }

    public Set<String> streams() {
        return streams;
    }

    private void knownStream(String stream) {
        if (!streams.contains(stream)) {
            throw new UnknownIdException("stream", "unknown stream " + stream + "; known streams: " + streams);
        }
    }

    private static Response json(LatestValue value) {
        return Response.ok(value.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(CAPTURED_AT, Instant.ofEpochMilli(value.capturedAtMillis()).toString())
                .header("Cache-Control", "no-store")
                .build();
    }
}
