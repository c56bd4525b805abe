package io.streamfleet.simulator.domain.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The satellite telemetry JSON byte for byte as the existing Python producer writes it: key order, snake_case, an
 * ISO-8601 timestamp with microseconds and a {@code +00:00} offset, and numbers rounded like {@code round(x, n)}
 * (shortest form, never exponent notation).
 */
public final class SatelliteTelemetryJson {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private SatelliteTelemetryJson() {
    }

    public static String timestamp(long epochMicros) {
        return TIMESTAMP.format(Instant.EPOCH.plusNanos(epochMicros * 1_000L));
    }

    public static String write(SatelliteTelemetry t) {
        return new StringBuilder(256)
                .append("{\"timestamp\":\"").append(timestamp(t.epochMicros()))
                .append("\",\"satellite_id\":\"").append(t.satelliteId())
                .append("\",\"metrics\":{\"temperature\":").append(JsonNumbers.rounded(t.temperature(), 2))
                .append(",\"altitude\":").append(JsonNumbers.rounded(t.altitude(), 2))
                .append(",\"velocity\":").append(JsonNumbers.rounded(t.velocity(), 3))
                .append(",\"battery_voltage\":").append(JsonNumbers.rounded(t.batteryVoltage(), 2))
                .append(",\"solar_power\":").append(JsonNumbers.rounded(t.solarPower(), 2))
                .append("},\"location\":{\"latitude\":").append(JsonNumbers.rounded(t.latitude(), 4))
                .append(",\"longitude\":").append(JsonNumbers.rounded(t.longitude(), 4))
                .append("}}").toString();
    }
}
