package io.streamfleet.simulator.domain.telemetry;

/**
 * One satellite reading as today's satellite stack sends it (DESIGN.md): the instant in epoch microseconds, metrics
 * in °C, km, km/s, V and W, and the sub-satellite point in degrees.
 */
public record SatelliteTelemetry(long epochMicros, String satelliteId, double temperature, double altitude,
        double velocity, double batteryVoltage, double solarPower, double latitude, double longitude) {
}
