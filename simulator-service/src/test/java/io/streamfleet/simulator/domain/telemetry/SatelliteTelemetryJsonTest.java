package io.streamfleet.simulator.domain.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SatelliteTelemetryJsonTest {

    @Test
    void theDesignExampleComesOutByteForByte() {
        // 2025-10-22T03:58:50.973550+00:00
        long micros = 1_761_105_530_973_550L;
        SatelliteTelemetry reading = new SatelliteTelemetry(micros, "SAT-001", -20.81, 449.95, 7.655, 3.59, 0.0,
                0.2044, -29.8243);
        assertEquals("{\"timestamp\":\"2025-10-22T03:58:50.973550+00:00\",\"satellite_id\":\"SAT-001\","
                + "\"metrics\":{\"temperature\":-20.81,\"altitude\":449.95,\"velocity\":7.655,\"battery_voltage\":3.59,"
                + "\"solar_power\":0.0},\"location\":{\"latitude\":0.2044,\"longitude\":-29.8243}}",
                SatelliteTelemetryJson.write(reading));
    }

    @Test
    void timestampsAlwaysCarrySixFractionDigitsAndTheUtcOffset() {
        assertEquals("1970-01-01T00:00:00.000000+00:00", SatelliteTelemetryJson.timestamp(0));
        assertEquals("2024-04-22T05:25:00.000001+00:00", SatelliteTelemetryJson.timestamp(1_713_763_500_000_001L));
    }

    @Test
    void numbersAreRoundedLikePythonAndNeverUseExponents() {
        assertEquals("0.0", JsonNumbers.rounded(0.0, 2));
        assertEquals("0.0", JsonNumbers.rounded(-0.001, 2), "no negative zero");
        assertEquals("0.0003", JsonNumbers.rounded(0.00031, 4));
        assertEquals("24.5", JsonNumbers.rounded(24.5, 2));
        assertEquals("7.655", JsonNumbers.rounded(7.65512, 3));
        assertEquals("120.0", JsonNumbers.rounded(120, 2));
        assertEquals("-179.9999", JsonNumbers.rounded(-179.99994, 4));
    }
}
