package io.streamfleet.simulator.domain.wearable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class HeadMotionModelTest {

    private final HeadMotionModel head = new HeadMotionModel(0, new Random(3));

    @Test
    void imuSamplesCarryTheContractKeysAndSeeGravity() {
        for (int i = 0; i < 2_000; i++) {
            Map<String, Double> imu = head.imu(1_713_763_500.0 + i / 1000.0, i % 2 == 0);
            assertEquals(List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z"),
                    List.copyOf(imu.keySet()));
            double g = Math.sqrt(imu.get("accel_x") * imu.get("accel_x") + imu.get("accel_y") * imu.get("accel_y")
                    + imu.get("accel_z") * imu.get("accel_z"));
            assertTrue(g > 8 && g < 11.5, "gravity and a walking bounce, got " + g);
            assertTrue(Math.abs(imu.get("gyro_z")) < 3, "a head turns at most a few rad/s");
        }
    }

    @Test
    void magnetometerAndBarometerCarryTheContractKeysInPlausibleRanges() {
        for (int i = 0; i < 500; i++) {
            double t = 1_713_763_500.0 + i / 10.0;
            Map<String, Double> mag = head.magnetometer(t);
            assertEquals(List.of("mag_x", "mag_y", "mag_z"), List.copyOf(mag.keySet()));
            double field = Math.sqrt(mag.values().stream().mapToDouble(v -> v * v).sum());
            assertTrue(field > 40 && field < 56, "Earth's field in µT, got " + field);
            Map<String, Double> baro = head.barometer(t);
            assertEquals(List.of("pressure", "temperature"), List.copyOf(baro.keySet()));
            assertTrue(Math.abs(baro.get("pressure") - 101_325) < 100, "Pa near sea level");
            assertTrue(baro.get("temperature") > 25 && baro.get("temperature") < 40, "°C inside the glasses");
        }
    }
}
