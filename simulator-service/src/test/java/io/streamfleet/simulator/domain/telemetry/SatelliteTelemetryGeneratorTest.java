package io.streamfleet.simulator.domain.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SatelliteTelemetryGeneratorTest {

    private static final long START_MICROS = 1_761_105_530_000_000L;
    private static final long SECOND = 1_000_000L;

    /** One satellite read every second for two orbits. */
    private static List<SatelliteTelemetry> twoOrbitsOfOneSatellite(long seed) {
        SatelliteTelemetryGenerator generator = new SatelliteTelemetryGenerator(1, new Random(seed));
        List<SatelliteTelemetry> readings = new ArrayList<>();
        for (int s = 0; s < 2 * 5_600; s++) {
            readings.add(generator.next(START_MICROS + s * SECOND));
        }
        return readings;
    }

    private static double longitudeStep(double from, double to) {
        double step = Math.abs(to - from);
        return Math.min(step, 360 - step);
    }

    @Test
    void satellitesAreNumberedAndReadInTurn() {
        SatelliteTelemetryGenerator generator = new SatelliteTelemetryGenerator(3, new Random(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(generator.next(START_MICROS + i * SECOND).satelliteId());
        }
        assertEquals(List.of("SAT-001", "SAT-002", "SAT-003", "SAT-001", "SAT-002", "SAT-003"), ids);
    }

    @Test
    void valuesStayInALowEarthOrbitEnvelope() {
        for (SatelliteTelemetry t : twoOrbitsOfOneSatellite(3)) {
            assertTrue(t.altitude() >= 400 && t.altitude() <= 450, "altitude " + t.altitude());
            assertTrue(t.velocity() >= 7.6 && t.velocity() <= 7.7, "velocity " + t.velocity());
            assertTrue(Math.abs(t.latitude()) <= 51.7, "latitude " + t.latitude());
            assertTrue(t.longitude() >= -180 && t.longitude() <= 180, "longitude " + t.longitude());
            assertTrue(t.batteryVoltage() >= 3.4 && t.batteryVoltage() <= 4.2, "battery " + t.batteryVoltage());
            assertTrue(t.temperature() >= -50 && t.temperature() <= 30, "temperature " + t.temperature());
        }
    }

    @Test
    void consecutiveReadingsOneSecondApartAreContinuous() {
        List<SatelliteTelemetry> readings = twoOrbitsOfOneSatellite(4);
        for (int i = 1; i < readings.size(); i++) {
            SatelliteTelemetry a = readings.get(i - 1);
            SatelliteTelemetry b = readings.get(i);
            // ~7.66 km/s over ~111 km per degree: well under 0.1° a second
            assertTrue(Math.abs(b.latitude() - a.latitude()) < 0.1, "latitude jump at " + i);
            assertTrue(longitudeStep(a.longitude(), b.longitude()) < 0.3, "longitude jump at " + i);
            assertTrue(Math.abs(b.altitude() - a.altitude()) < 0.5, "altitude jump at " + i);
            assertTrue(Math.abs(b.temperature() - a.temperature()) < 0.5, "temperature jump at " + i);
            assertTrue(Math.abs(b.batteryVoltage() - a.batteryVoltage()) < 0.01, "battery jump at " + i);
        }
    }

    @Test
    void solarPowerIsZeroExactlyInEclipseAndTheEclipseLastsAboutAThirdOfAnOrbit() {
        List<SatelliteTelemetry> readings = twoOrbitsOfOneSatellite(5);
        long dark = readings.stream().filter(t -> t.solarPower() == 0.0).count();
        double darkFraction = dark / (double) readings.size();
        assertTrue(darkFraction > 0.3 && darkFraction < 0.45, "eclipse fraction " + darkFraction);
        readings.stream().filter(t -> t.solarPower() != 0.0)
                .forEach(t -> assertTrue(t.solarPower() > 50, "lit panels give power, got " + t.solarPower()));

        // the model agrees: power is zero exactly when the orbit is in the Earth's shadow
        OrbitModel orbit = new OrbitModel(0, 0, 0);
        for (int s = 0; s < 5_600; s += 10) {
            if (orbit.inEclipse(s)) {
                assertTrue(Math.cos(2 * Math.PI * s / orbit.periodSeconds() - Math.PI) > 0, "eclipse on the night side");
            }
        }
    }

    @Test
    void batteryChargesInSunlightAndDrainsInEclipse() {
        List<SatelliteTelemetry> readings = twoOrbitsOfOneSatellite(6);
        for (int i = 1; i < readings.size(); i++) {
            SatelliteTelemetry a = readings.get(i - 1);
            SatelliteTelemetry b = readings.get(i);
            if (b.solarPower() == 0.0 && b.batteryVoltage() > 3.45) {
                assertTrue(b.batteryVoltage() < a.batteryVoltage(), "draining at " + i);
            }
            if (b.solarPower() > 0 && b.batteryVoltage() < 4.15) {
                assertTrue(b.batteryVoltage() > a.batteryVoltage(), "charging at " + i);
            }
        }
    }

    @Test
    void theFleetSizeIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SatelliteTelemetryGenerator(0, new Random()));
    }
}
