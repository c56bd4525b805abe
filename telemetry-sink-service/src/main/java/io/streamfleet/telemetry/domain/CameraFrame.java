package io.streamfleet.telemetry.domain;

/** One JPEG frame of a wearable camera stream, with the metadata its record carried in headers. */
public record CameraFrame(String deviceId, String stream, long capturedAtNanos, int width, int height, byte[] jpeg) {
}
