package io.streamfleet.simulator.domain.wearable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The motion sensors of glasses on a walking, looking-around head: smooth yaw/pitch/roll oscillations plus a step
 * bounce give the gyroscope, gravity seen through that orientation plus the bounce gives the accelerometer, the Earth's
 * field rotated the same way gives the magnetometer, and air pressure drifts slowly around sea level. Each device has
 * its own phase; every sample adds sensor noise. Values are a pure function of time and noise, so any rate works.
 */
public final class HeadMotionModel {

    private static final double GRAVITY = 9.81;
    private static final double SEA_LEVEL_PA = 101_325.0;

    private final Random random;
    private final double phase;

    public HeadMotionModel(int device, Random random) {
        this.random = random;
        this.phase = device * 1.7;
    }

    private double yaw(double t) {
        return 0.6 * Math.sin(0.31 * t + phase) + 0.2 * Math.sin(1.3 * t);
    }

    private double pitch(double t) {
        return 0.15 * Math.sin(0.53 * t + phase) + 0.02 * Math.sin(2 * Math.PI * 1.8 * t);
    }

    private double roll(double t) {
        return 0.05 * Math.sin(0.41 * t + 2 * phase);
    }

    private static double derivative(java.util.function.DoubleUnaryOperator f, double t) {
        double h = 1e-3;
        return (f.applyAsDouble(t + h) - f.applyAsDouble(t - h)) / (2 * h);
    }

    /** accel_x/y/z in m/s² and gyro_x/y/z in rad/s at {@code seconds}; the left IMU is slightly noisier. */
    public Map<String, Double> imu(double seconds, boolean left) {
        double noise = left ? 0.06 : 0.04;
        double pitch = pitch(seconds);
        double roll = roll(seconds);
        double bounce = 0.8 * Math.sin(2 * Math.PI * 1.8 * seconds + phase);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accel_x", round(-GRAVITY * Math.sin(pitch) + random.nextGaussian() * noise));
        values.put("accel_y", round(GRAVITY * Math.sin(roll) * Math.cos(pitch) + random.nextGaussian() * noise));
        values.put("accel_z", round(GRAVITY * Math.cos(roll) * Math.cos(pitch) + bounce + random.nextGaussian() * noise));
        values.put("gyro_x", round(derivative(this::roll, seconds) + random.nextGaussian() * 0.002));
        values.put("gyro_y", round(derivative(this::pitch, seconds) + random.nextGaussian() * 0.002));
        values.put("gyro_z", round(derivative(this::yaw, seconds) + random.nextGaussian() * 0.002));
        return values;
    }

    /** mag_x/y/z in µT: a ~48 µT field (mid-latitude Europe) seen from the turning head. */
    public Map<String, Double> magnetometer(double seconds) {
        double yaw = yaw(seconds);
        double horizontal = 20.0;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("mag_x", round(horizontal * Math.cos(yaw) + random.nextGaussian() * 0.3));
        values.put("mag_y", round(-horizontal * Math.sin(yaw) + random.nextGaussian() * 0.3));
        values.put("mag_z", round(-44.0 + 3 * Math.sin(pitch(seconds)) + random.nextGaussian() * 0.3));
        return values;
    }

    /** pressure in Pa (stairs and weather: a slow swing of ~40 Pa) and temperature in °C. */
    public Map<String, Double> barometer(double seconds) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("pressure", round(SEA_LEVEL_PA + 40 * Math.sin(seconds / 120.0 + phase) + random.nextGaussian() * 2));
        values.put("temperature", round(31.0 + 0.5 * Math.sin(seconds / 600.0) + random.nextGaussian() * 0.02));
        return values;
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }
}
