package io.streamfleet.simulator.messaging;

import static io.streamfleet.simulator.OperatorApi.rate;
import static io.streamfleet.simulator.OperatorApi.start;
import static io.streamfleet.simulator.OperatorApi.status;
import static io.streamfleet.simulator.OperatorApi.stop;
import static io.streamfleet.simulator.SimulatorInfrastructure.SATELLITE_TOPIC;
import static io.streamfleet.simulator.SimulatorInfrastructure.SENSOR_TOPIC;
import static io.streamfleet.simulator.SimulatorInfrastructure.ariaTopic;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.simulator.SimulatorInfrastructure;
import io.streamfleet.simulator.domain.wearable.WearableStream;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** Every new source, started through the API, puts records of the contracted shape, key and headers on its topic. */
@QuarkusTest
@TestProfile(SimulatorInfrastructure.class)
class SourcesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SATELLITE_TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private List<ConsumerRecord<String, byte[]>> records(String topic, long atLeast) {
        return companion.consume(Serdes.String(), Serdes.ByteArray()).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Set.of(topic), atLeast).awaitCompletion(DEADLINE).getRecords();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, name + " header on " + record.topic());
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertProducedAt(ConsumerRecord<?, ?> record) {
        long producedAt = Long.parseLong(header(record, "producedAt"));
        assertTrue(producedAt > 1_700_000_000_000L && producedAt <= System.currentTimeMillis(), "epoch ms");
    }

    /** Runs a stream until {@code sent} records are acknowledged, stops it and waits until nothing is in flight. */
    private static JsonPath runUntilAcknowledged(String stream, long sent) {
        start(stream);
        try {
            await().atMost(DEADLINE).until(() -> status(stream).getLong("acknowledged") >= sent);
        } finally {
            stop(stream);
        }
        return await().atMost(DEADLINE).until(() -> status(stream),
                s -> s.getLong("queueDepth") == 0 && s.getLong("sent") == s.getLong("acknowledged") + s.getLong("failed"));
    }

    @Test
    void satelliteTelemetryIsTodaysJsonKeyedBySatellite() throws IOException {
        rate("satellite-telemetry", 30);
        JsonPath status = runUntilAcknowledged("satellite-telemetry", 30);
        assertEquals(0, status.getLong("failed"));
        for (ConsumerRecord<String, byte[]> record : records(SATELLITE_TOPIC, 30)) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            JsonNode node = JSON.readTree(json);
            assertEquals(List.of("timestamp", "satellite_id", "metrics", "location"), fieldNames(node));
            assertEquals(List.of("temperature", "altitude", "velocity", "battery_voltage", "solar_power"),
                    fieldNames(node.get("metrics")));
            assertEquals(List.of("latitude", "longitude"), fieldNames(node.get("location")));
            assertTrue(SATELLITE_TIMESTAMP.matcher(node.get("timestamp").asText()).matches(), json);
            assertTrue(node.get("satellite_id").asText().matches("SAT-00[1-3]"), json);
            assertEquals(node.get("satellite_id").asText(), record.key(), "keyed by satellite");
            double altitude = node.get("metrics").get("altitude").asDouble();
            assertTrue(altitude >= 400 && altitude <= 450, json);
            assertTrue(json.startsWith("{\"timestamp\":\"") && !json.contains(" "), "compact, as the Python producer");
            assertProducedAt(record);
        }
    }

    @Test
    void sensorReadingsAreTodaysJsonKeyedBySensor() throws IOException {
        JsonPath status = runUntilAcknowledged("sensor-stream", 10);
        assertEquals(0, status.getLong("failed"));
        for (ConsumerRecord<String, byte[]> record : records(SENSOR_TOPIC, 10)) {
            JsonNode node = JSON.readTree(record.value());
            assertEquals(List.of("sensor_id", "temperature", "timestamp"), fieldNames(node));
            assertTrue(node.get("sensor_id").asText().matches("sensor_[1-5]"));
            assertEquals(node.get("sensor_id").asText(), record.key());
            assertTrue(node.get("temperature").isDouble());
            long seconds = node.get("timestamp").asLong();
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 600, "epoch seconds, not ms");
            assertProducedAt(record);
        }
    }

    @Test
    void cameraFramesAreJpegWithTheirMetadataInHeaders() throws IOException {
        for (WearableStream camera : List.of(WearableStream.CAMERA_RGB, WearableStream.CAMERA_SLAM_LEFT,
                WearableStream.CAMERA_SLAM_RIGHT, WearableStream.CAMERA_EYETRACKING)) {
            start(camera.streamName());
        }
        try {
            for (WearableStream camera : List.of(WearableStream.CAMERA_RGB, WearableStream.CAMERA_SLAM_LEFT,
                    WearableStream.CAMERA_SLAM_RIGHT, WearableStream.CAMERA_EYETRACKING)) {
                for (ConsumerRecord<String, byte[]> record : records(ariaTopic(camera), 3)) {
                    assertEquals("aria-1", record.key());
                    assertEquals(camera.streamName(), header(record, "stream"));
                    assertEquals("aria-1", header(record, "deviceId"));
                    long capturedAt = Long.parseLong(header(record, "capturedAtNanos"));
                    assertTrue(Math.abs(capturedAt / 1_000_000 - System.currentTimeMillis()) < 600_000, "epoch ns");
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.value()));
                    assertNotNull(image, "decodes as JPEG");
                    assertEquals(Integer.parseInt(header(record, "width")), image.getWidth());
                    assertEquals(Integer.parseInt(header(record, "height")), image.getHeight());
                    assertProducedAt(record);
                }
            }
        } finally {
            List.of("camera-rgb", "camera-slam-left", "camera-slam-right", "camera-eyetracking")
                    .forEach(io.streamfleet.simulator.OperatorApi::stop);
        }
        assertEquals(1408, Integer.parseInt(header(records(ariaTopic(WearableStream.CAMERA_RGB), 1).get(0), "width")));
        // 10 fps with 30% kept: most frames are sampled out, and the count shows it
        JsonPath rgb = status("camera-rgb");
        assertTrue(rgb.getLong("sampledOut") > 0, "sampled out frames are counted");
    }

    @Test
    void imuAndOtherMotionSamplesAreDesignJsonAndTheImuIsSampledToATenth() throws IOException {
        JsonPath imu = runUntilAcknowledged("imu-right", 40);
        long generated = imu.getLong("generated");
        long sampledOut = imu.getLong("sampledOut");
        double kept = 1 - sampledOut / (double) generated;
        assertTrue(generated > 300 && kept > 0.03 && kept < 0.2, "about 10% kept: " + kept + " of " + generated);

        for (ConsumerRecord<String, byte[]> record : records(ariaTopic(WearableStream.IMU_RIGHT), 40)) {
            JsonNode node = JSON.readTree(record.value());
            assertEquals(List.of("deviceId", "stream", "capturedAtNanos", "values"), fieldNames(node));
            assertEquals("imu-right", node.get("stream").asText());
            assertEquals(record.key(), node.get("deviceId").asText());
            assertEquals(List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z"),
                    fieldNames(node.get("values")));
            assertProducedAt(record);
        }
        runUntilAcknowledged("magnetometer", 3);
        JsonNode mag = JSON.readTree(records(ariaTopic(WearableStream.MAGNETOMETER), 1).get(0).value());
        assertEquals(List.of("mag_x", "mag_y", "mag_z"), fieldNames(mag.get("values")));
        runUntilAcknowledged("barometer", 3);
        JsonNode baro = JSON.readTree(records(ariaTopic(WearableStream.BAROMETER), 1).get(0).value());
        assertEquals(List.of("pressure", "temperature"), fieldNames(baro.get("values")));
        runUntilAcknowledged("imu-left", 10);
        JsonNode left = JSON.readTree(records(ariaTopic(WearableStream.IMU_LEFT), 1).get(0).value());
        assertEquals("imu-left", left.get("stream").asText());
    }

    @Test
    void microphoneChunksArePcmWithTheirFormatInHeaders() {
        runUntilAcknowledged("microphone", 3);
        for (ConsumerRecord<String, byte[]> record : records(ariaTopic(WearableStream.MICROPHONE), 3)) {
            int rate = Integer.parseInt(header(record, "sampleRateHz"));
            int channels = Integer.parseInt(header(record, "channels"));
            assertEquals(48_000, rate);
            assertEquals(7, channels);
            assertEquals(rate / 10 * channels * 2, record.value().length, "100 ms of 16-bit samples");
            assertEquals("microphone", header(record, "stream"));
            header(record, "capturedAtNanos");
            assertProducedAt(record);
        }
    }

    @Test
    void aRateAboveTheLimitIsCutToTheLimitAndTheDropsAreCountedInStatusAndMetrics() {
        rate("sensor-stream", 2_000);
        try {
            start("sensor-stream");
            await().atMost(DEADLINE).until(() -> status("sensor-stream").getLong("droppedBy.rateLimited") > 500);
        } finally {
            stop("sensor-stream");
            rate("sensor-stream", 5);
        }
        JsonPath status = status("sensor-stream");
        assertTrue(status.getLong("sent") < status.getLong("generated") / 4, "at most 100 of every 2,000 per second");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Pattern.compile("streamfleet_simulator_dropped_total\\{[^}]*reason=\"rate_limited\",stream=\"sensor-stream\"\\} [1-9]")
                .matcher(metrics).find(), "rate-limited drops are a metric");
        assertTrue(metrics.contains("streamfleet_simulator_outbox_records"), "the outbox depth is a metric");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
