package io.streamfleet.simulator.domain.wearable;

import java.util.Arrays;
import java.util.Optional;

import io.streamfleet.simulator.domain.burst.SourceKind;

/**
 * The streams of first-generation Aria glasses, with the rate each runs at on the device (records per second per
 * device) and what kind of source it is, which decides its burst-protection defaults.
 */
public enum WearableStream {
    CAMERA_RGB("camera-rgb", 10, SourceKind.IMAGE),
    CAMERA_SLAM_LEFT("camera-slam-left", 10, SourceKind.IMAGE),
    CAMERA_SLAM_RIGHT("camera-slam-right", 10, SourceKind.IMAGE),
    CAMERA_EYETRACKING("camera-eyetracking", 10, SourceKind.IMAGE),
    IMU_RIGHT("imu-right", 1000, SourceKind.HIGH_RATE_SENSOR),
    IMU_LEFT("imu-left", 800, SourceKind.HIGH_RATE_SENSOR),
    MAGNETOMETER("magnetometer", 10, SourceKind.SENSOR),
    BAROMETER("barometer", 50, SourceKind.SENSOR),
    MICROPHONE("microphone", 10, SourceKind.SENSOR);

    private final String streamName;
    private final double deviceRate;
    private final SourceKind kind;

    WearableStream(String streamName, double deviceRate, SourceKind kind) {
        this.streamName = streamName;
        this.deviceRate = deviceRate;
        this.kind = kind;
    }

    /** The name in topics ({@code aria.<name>}), in the control API and in the wearable platform's paths. */
    public String streamName() {
        return streamName;
    }

    /** Records per second one device produces (the microphone: audio chunks per second). */
    public double deviceRate() {
        return deviceRate;
    }

    public SourceKind kind() {
        return kind;
    }

    public boolean isCamera() {
        return kind == SourceKind.IMAGE;
    }

    public static Optional<WearableStream> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.streamName.equals(name)).findFirst();
    }
}
