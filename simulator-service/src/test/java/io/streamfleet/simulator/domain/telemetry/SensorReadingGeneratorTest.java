package io.streamfleet.simulator.domain.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SensorReadingGeneratorTest {

    @Test
    void theJsonIsTheSensorStreamContractByteForByte() {
        assertEquals("{\"sensor_id\":\"sensor_1\",\"temperature\":24.5,\"timestamp\":1713763500}",
                new SensorReading("sensor_1", 24.5, 1_713_763_500L).toJson());
        assertEquals("{\"sensor_id\":\"sensor_12\",\"temperature\":-3.14,\"timestamp\":1713763501}",
                new SensorReading("sensor_12", -3.14159, 1_713_763_501L).toJson());
    }

    @Test
    void sensorsTakeTurnsWithEpochSecondsAndPlausibleSlowlyMovingTemperatures() {
        SensorReadingGenerator generator = new SensorReadingGenerator(3, new Random(11));
        double[] last = new double[3];
        for (int i = 0; i < 3_000; i++) {
            SensorReading reading = generator.next(1_713_763_500_999L + i * 1_000L);
            assertEquals("sensor_" + (i % 3 + 1), reading.sensorId());
            assertEquals(1_713_763_500L + i, reading.epochSeconds(), "seconds, truncated");
            assertTrue(reading.temperature() > 10 && reading.temperature() < 35, "temperature " + reading.temperature());
            if (i >= 3) {
                assertTrue(Math.abs(reading.temperature() - last[i % 3]) < 1.5, "a room warms slowly");
            }
            last[i % 3] = reading.temperature();
        }
    }
}
