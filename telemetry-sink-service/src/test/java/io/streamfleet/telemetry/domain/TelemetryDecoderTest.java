package io.streamfleet.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TelemetryDecoderTest {

    private static final TelemetryDecoder DECODER = new TelemetryDecoder(new TelemetryDecoder.Settings(
            "satellite-telemetry", "sensor-stream", "aria.", Set.of("camera-rgb"), Set.of("microphone"), 128, 1024));
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F' };

    private static DecodedRecord decode(String topic, String json) {
        return DECODER.decode(topic, name -> null, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(LatestValue latest) {
        try {
            return new ObjectMapper().readTree((byte[]) latest.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidFieldException refused(String topic, Map<String, String> headers, byte[] value) {
        return assertThrows(InvalidFieldException.class, () -> DECODER.decode(topic, headers::get, value));
    }

    private static InvalidFieldException refused(String topic, String json) {
        return refused(topic, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void satelliteRecordAsTodaysStackSendsItBecomesOnePointAtTheDeviceMillisecond() {
        DecodedRecord decoded = decode("satellite-telemetry", "{\"timestamp\":\"2025-10-22T03:58:50.973550+00:00\","
                + "\"satellite_id\":\"SAT-001\",\"metrics\":{\"temperature\":-20.81,\"altitude\":449.95,"
                + "\"velocity\":7.655,\"battery_voltage\":3.59,\"solar_power\":0.0},"
                + "\"location\":{\"latitude\":0.2044,\"longitude\":-29.8243}}");

        MetricPoint point = decoded.point();
        assertEquals("satellite", point.measurement());
        assertEquals(Map.of("satellite_id", "SAT-001"), point.tags());
        // 03:58:50.973550 -> the microseconds are cut, not rounded
        assertEquals(1761105530973L, point.timestampMillis());
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("temperature", -20.81);
        expected.put("altitude", 449.95);
        expected.put("velocity", 7.655);
        expected.put("battery_voltage", 3.59);
        expected.put("solar_power", 0.0);
        expected.put("latitude", 0.2044);
        expected.put("longitude", -29.8243);
        assertEquals(expected, point.fields());
        assertEquals(LatestValue.Kind.SATELLITE, decoded.latest().kind());
        assertEquals("SAT-001", decoded.latest().key());
        assertEquals("SAT-001", json(decoded.latest()).get("satellite_id").asText());
    }

    @Test
    void satelliteTimestampWithAnotherOffsetIsConvertedToUtc() {
        DecodedRecord decoded = decode("satellite-telemetry", "{\"timestamp\":\"2025-10-22T05:58:50.5+02:00\","
                + "\"satellite_id\":\"SAT-002\",\"metrics\":{\"temperature\":1}}");
        assertEquals(1761105530500L, decoded.point().timestampMillis());
    }

    @Test
    void sensorTimestampInSecondsBecomesMilliseconds() {
        DecodedRecord decoded = decode("sensor-stream",
                "{\"sensor_id\":\"sensor_1\",\"temperature\":24.5,\"timestamp\":1713763500}");
        assertEquals(1713763500000L, decoded.point().timestampMillis());
        assertEquals("sensor", decoded.point().measurement());
        assertEquals(Map.of("sensor_id", "sensor_1"), decoded.point().tags());
        assertEquals(Map.of("temperature", 24.5), decoded.point().fields());

        assertEquals(1713763500250L, decode("sensor-stream",
                "{\"sensor_id\":\"s\",\"temperature\":1,\"timestamp\":1713763500.25}").point().timestampMillis());
    }

    @Test
    void sensorTimestampInMillisecondsIsAUnitMistake() {
        InvalidFieldException e = refused("sensor-stream",
                "{\"sensor_id\":\"s\",\"temperature\":1,\"timestamp\":1713763500000}");
        assertEquals("timestamp", e.field());
    }

    @Test
    void wearableSampleTakesItsStreamFromTheTopicAndCapturedAtNanosAsMilliseconds() {
        DecodedRecord decoded = decode("aria.imu-right", "{\"deviceId\":\"aria-1\",\"stream\":\"imu-right\","
                + "\"capturedAtNanos\":1713763500123456789,\"values\":{\"accel_x\":0.12,\"accel_y\":-9.81,"
                + "\"accel_z\":0.3,\"gyro_x\":0.01,\"gyro_y\":0.02,\"gyro_z\":-0.03}}");
        assertEquals("aria", decoded.point().measurement());
        assertEquals(Map.of("device", "aria-1", "stream", "imu-right"), decoded.point().tags());
        assertEquals(1713763500123L, decoded.point().timestampMillis());
        assertEquals(-9.81, decoded.point().fields().get("accel_y"));
        assertEquals(6, decoded.point().samples());
        assertEquals(LatestValue.Kind.STREAM_SAMPLE, decoded.latest().kind());
        assertEquals("imu-right", decoded.latest().key());
    }

    @Test
    void wearableSampleClaimingAnotherStreamThanItsTopicIsRefused() {
        assertEquals("stream", refused("aria.imu-left", "{\"deviceId\":\"aria-1\",\"stream\":\"imu-right\","
                + "\"capturedAtNanos\":1713763500123456789,\"values\":{\"accel_x\":1}}").field());
    }

    @Test
    void cameraFrameBecomesSizeSamplesAndKeepsItsBytes() {
        Map<String, String> headers = Map.of("deviceId", "aria-1", "stream", "camera-rgb",
                "capturedAtNanos", "1713763500999000000", "width", "1408", "height", "1408");
        DecodedRecord decoded = DECODER.decode("aria.camera-rgb", headers::get, JPEG);
        assertEquals(Map.of("frame_bytes", 8.0, "frame_width", 1408.0, "frame_height", 1408.0),
                decoded.point().fields());
        assertEquals(1713763500999L, decoded.point().timestampMillis());
        CameraFrame frame = (CameraFrame) decoded.latest().body();
        assertArrayEquals(JPEG, frame.jpeg());
        assertEquals(1408, frame.width());
        assertEquals(LatestValue.Kind.STREAM_FRAME, decoded.latest().kind());
    }

    @Test
    void cameraFrameWithoutItsMetadataOrNotAJpegIsRefusedNamingWhatIsMissing() {
        Map<String, String> noWidth = Map.of("deviceId", "aria-1", "capturedAtNanos", "1713763500999000000",
                "height", "10");
        assertEquals("width", refused("aria.camera-rgb", noWidth, JPEG).field());
        Map<String, String> complete = Map.of("deviceId", "aria-1", "capturedAtNanos", "1713763500999000000",
                "width", "10", "height", "10");
        assertEquals("value", refused("aria.camera-rgb", complete, "not a jpeg".getBytes()).field());
    }

    @Test
    void microphoneChunkBecomesRmsAndPeakLevels() {
        ByteBuffer pcm = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        pcm.putShort((short) 16384).putShort((short) -16384).putShort((short) 16384).putShort((short) -16384);
        Map<String, String> headers = Map.of("deviceId", "aria-1", "capturedAtNanos", "1713763500000000000",
                "sampleRateHz", "48000", "channels", "1");
        DecodedRecord decoded = DECODER.decode("aria.microphone", headers::get, pcm.array());
        assertEquals(0.5, decoded.point().fields().get("audio_rms"), 1e-12);
        assertEquals(0.5, decoded.point().fields().get("audio_peak"), 1e-12);
        JsonNode latest = json(decoded.latest());
        assertEquals(4, latest.get("frames").asInt());
        assertEquals(0.5, latest.get("values").get("audio_rms").asDouble(), 1e-12);

        assertEquals("value", refused("aria.microphone", Map.of("deviceId", "aria-1", "capturedAtNanos",
                "1713763500000000000", "sampleRateHz", "48000", "channels", "2"), new byte[6]).field());
    }

    @Test
    void malformedRecordsNameTheOffendingField() {
        assertEquals("value", refused("satellite-telemetry", "this is not JSON").field());
        assertEquals("value", refused("satellite-telemetry", Map.of(), null).field());
        assertEquals("satellite_id", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50+00:00\",\"metrics\":{\"temperature\":1}}").field());
        assertEquals("timestamp", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50\",\"satellite_id\":\"S\",\"metrics\":{\"temperature\":1}}").field());
        assertEquals("metrics.temperature", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50Z\",\"satellite_id\":\"S\",\"metrics\":{\"temperature\":\"hot\"}}")
                .field());
        assertEquals("metrics.bad-name", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50Z\",\"satellite_id\":\"S\",\"metrics\":{\"bad-name\":1}}").field());
        assertEquals("location.latitude", refused("satellite-telemetry", "{\"timestamp\":\"2025-10-22T03:58:50Z\","
                + "\"satellite_id\":\"S\",\"metrics\":{\"t\":1},\"location\":{\"latitude\":91,\"longitude\":0}}").field());
        assertEquals("metrics", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50Z\",\"satellite_id\":\"S\",\"metrics\":{}}").field());
        assertEquals("sensor_id", refused("sensor-stream",
                "{\"sensor_id\":\"" + "x".repeat(129) + "\",\"temperature\":1,\"timestamp\":1713763500}").field());
        assertEquals("capturedAtNanos", refused("aria.magnetometer",
                "{\"deviceId\":\"aria-1\",\"capturedAtNanos\":5000000,\"values\":{\"mag_x\":1}}").field());
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        assertEquals("satellite_id", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50Z\",\"satellite_id\":7,\"metrics\":{\"t\":1}}").field());
        assertEquals("location", refused("satellite-telemetry",
                "{\"timestamp\":\"2025-10-22T03:58:50Z\",\"satellite_id\":\"S\",\"metrics\":{\"t\":1},\"location\":[1,2]}")
                .field());
        assertEquals("value", refused("sensor-stream", "[1,2]").field());
        assertEquals("value", refused("sensor-stream",
                "{\"sensor_id\":\"s\",\"temperature\":1,\"timestamp\":1713763500} trailing").field());
        assertEquals("temperature", refused("sensor-stream",
                "{\"sensor_id\":\"s\",\"temperature\":\"warm\",\"timestamp\":1713763500}").field());
        assertEquals("capturedAtNanos", refused("aria.imu-right",
                "{\"deviceId\":\"a\",\"capturedAtNanos\":1.5e18,\"values\":{\"accel_x\":1}}").field());
    }

    @Test
    void unknownFieldsAreIgnoredSoProducersCanAddThem() {
        DecodedRecord decoded = decode("sensor-stream", "{\"sensor_id\":\"s\",\"firmware\":{\"v\":[1,2]},"
                + "\"temperature\":3.5,\"timestamp\":1713763500,\"note\":\"x\"}");
        assertEquals(Map.of("temperature", 3.5), decoded.point().fields());
    }

    @Test
    void aRecordWithMoreValuesThanTheLimitIsRefused() {
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i <= 1024; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        assertEquals("metrics", refused("satellite-telemetry", "{\"timestamp\":\"2025-10-22T03:58:50Z\","
                + "\"satellite_id\":\"S\",\"metrics\":{" + metrics + "}}").field());
    }
}
