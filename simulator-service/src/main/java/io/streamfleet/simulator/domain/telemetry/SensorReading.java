package io.streamfleet.simulator.domain.telemetry;

/** One IoT sensor reading: °C and epoch seconds, as the sensor stream carries them. */
public record SensorReading(String sensorId, double temperature, long epochSeconds) {

    /** {@code {"sensor_id":"sensor_1","temperature":24.5,"timestamp":1713763500}}, byte for byte as sent today. */
    public String toJson() {
        return "{\"sensor_id\":\"" + sensorId + "\",\"temperature\":" + JsonNumbers.rounded(temperature, 2)
                + ",\"timestamp\":" + epochSeconds + "}";
    }
}
