package io.streamfleet.simulator.domain.telemetry;

import java.util.Random;

/**
 * Sensors sensor_1..sensor_N read in turn; each temperature wanders slowly (a mean-reverting random walk around its
 * own room temperature) so a series looks like a real room, not noise.
 */
public final class SensorReadingGenerator {

    private static final double REVERSION = 0.05;
    private static final double STEP = 0.15;

    private final Random random;
    private final double[] baseline;
    private final double[] temperature;
    private int next;

    public SensorReadingGenerator(int count, Random random) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one sensor, was " + count);
        }
        this.random = random;
        this.baseline = new double[count];
        this.temperature = new double[count];
        for (int i = 0; i < count; i++) {
            baseline[i] = 19 + random.nextDouble() * 8;
            temperature[i] = baseline[i];
        }
    }

    public SensorReading next(long epochMillis) {
        int i = next;
        next = (next + 1) % baseline.length;
        temperature[i] += REVERSION * (baseline[i] - temperature[i]) + random.nextGaussian() * STEP;
        return new SensorReading("sensor_" + (i + 1), temperature[i], Math.floorDiv(epochMillis, 1000));
    }
}
