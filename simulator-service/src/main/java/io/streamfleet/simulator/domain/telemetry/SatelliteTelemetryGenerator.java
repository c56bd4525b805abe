package io.streamfleet.simulator.domain.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fleet of satellites (SAT-001, SAT-002, ...) read in turn. Each has its own orbit and carries thermal and battery
 * state forward in time, so consecutive readings are continuous: temperature relaxes towards a sunlit or eclipse
 * equilibrium, the battery charges in sunlight and discharges in eclipse, and solar power is exactly 0 in eclipse.
 */
public final class SatelliteTelemetryGenerator {

    private static final double SOLAR_PANEL_WATTS = 120.0;
    private static final double SUNLIT_TEMPERATURE = 24.0;
    private static final double ECLIPSE_TEMPERATURE = -45.0;
    private static final double THERMAL_TIME_CONSTANT_S = 900.0;
    private static final double BATTERY_MIN_V = 3.45;
    private static final double BATTERY_MAX_V = 4.15;
    private static final double CHARGE_V_PER_S = 0.00025;
    private static final double DISCHARGE_V_PER_S = 0.00018;

    private final List<Satellite> satellites = new ArrayList<>();
    private final Random random;
    private int next;

    public SatelliteTelemetryGenerator(int count, Random random) {
        if (count < 1 || count > 999) {
            throw new IllegalArgumentException("a fleet has 1 to 999 satellites, was " + count);
        }
        this.random = random;
        for (int i = 0; i < count; i++) {
            OrbitModel orbit = new OrbitModel(random.nextDouble() * 2 * Math.PI, random.nextDouble() * 2 * Math.PI,
                    random.nextDouble() * 2 * Math.PI);
            satellites.add(new Satellite(String.format("SAT-%03d", i + 1), orbit,
                    -10 + random.nextDouble() * 20, 3.7 + random.nextDouble() * 0.3));
        }
    }

    public int count() {
        return satellites.size();
    }

    /** The next satellite's reading at {@code epochMicros}. */
    public SatelliteTelemetry next(long epochMicros) {
        Satellite satellite = satellites.get(next);
        next = (next + 1) % satellites.size();
        return satellite.readAt(epochMicros, random);
    }

    /** The reading of a given satellite (0-based), for tests that follow one satellite. */
    public SatelliteTelemetry readingOf(int index, long epochMicros) {
        return satellites.get(index).readAt(epochMicros, random);
    }

    private static final class Satellite {

        private final String id;
        private final OrbitModel orbit;
        private double temperature;
        private double batteryVoltage;
        private long lastMicros = Long.MIN_VALUE;

        Satellite(String id, OrbitModel orbit, double temperature, double batteryVoltage) {
            this.id = id;
            this.orbit = orbit;
            this.temperature = temperature;
            this.batteryVoltage = batteryVoltage;
        }

        SatelliteTelemetry readAt(long epochMicros, Random random) {
            double seconds = epochMicros / 1e6;
            boolean eclipse = orbit.inEclipse(seconds);
            double dt = lastMicros == Long.MIN_VALUE ? 0 : Math.max(0, (epochMicros - lastMicros) / 1e6);
            lastMicros = epochMicros;

            double equilibrium = eclipse ? ECLIPSE_TEMPERATURE : SUNLIT_TEMPERATURE;
            temperature += (equilibrium - temperature) * (1 - Math.exp(-dt / THERMAL_TIME_CONSTANT_S));
            batteryVoltage += (eclipse ? -DISCHARGE_V_PER_S : CHARGE_V_PER_S) * dt;
            batteryVoltage = Math.max(BATTERY_MIN_V, Math.min(BATTERY_MAX_V, batteryVoltage));
            double solar = eclipse ? 0.0
                    : SOLAR_PANEL_WATTS * (0.55 + 0.45 * orbit.sunIncidence(seconds)) * (0.98 + 0.04 * random.nextDouble());

            return new SatelliteTelemetry(epochMicros, id, temperature + random.nextGaussian() * 0.05,
                    orbit.altitudeKm(seconds) + random.nextGaussian() * 0.02, orbit.velocityKmS(seconds),
                    batteryVoltage, solar, orbit.latitudeDegrees(seconds), orbit.longitudeDegrees(seconds));
        }
    }
}
