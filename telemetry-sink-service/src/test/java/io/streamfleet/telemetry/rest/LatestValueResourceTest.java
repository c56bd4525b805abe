package io.streamfleet.telemetry.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SATELLITES;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SENSORS;
import static io.streamfleet.telemetry.TelemetryRecords.DEADLINE;
import static io.streamfleet.telemetry.TelemetryRecords.audioHeaders;
import static io.streamfleet.telemetry.TelemetryRecords.frameHeaders;
import static io.streamfleet.telemetry.TelemetryRecords.imu;
import static io.streamfleet.telemetry.TelemetryRecords.jpeg;
import static io.streamfleet.telemetry.TelemetryRecords.produce;
import static io.streamfleet.telemetry.TelemetryRecords.satellite;
import static io.streamfleet.telemetry.TelemetryRecords.sensor;
import static io.streamfleet.telemetry.TelemetryRecords.squareWave;
import static io.streamfleet.telemetry.TelemetryRecords.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.telemetry.TelemetryInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** The latest-value API, streamfleet's paths and the wearable platform's legacy ones, fed through the real topics. */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class LatestValueResourceTest {

    private static final long T0 = 1_713_763_500_000L;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static Response awaitOk(String path) {
        return await().atMost(DEADLINE).until(() -> given().get(path), response -> response.statusCode() == 200);
    }

    @Test
    void latestSatelliteRecordIsTheNewestByDeviceTimeNotTheLastArrived() {
        String satellite = unique("SAT-latest");
        produce(companion, SATELLITES, satellite, satellite(satellite, T0 + 5000, -1.25, 10.5));
        produce(companion, SATELLITES, satellite, satellite(satellite, T0, -9.0, 0)); // late arrival, older reading
        String marker = unique("SAT-after");
        produce(companion, SATELLITES, satellite, satellite(marker, T0, 1, 0)); // same partition, processed after both
        awaitOk("/satellites/" + marker + "/latest");

        given().get("/satellites/" + satellite + "/latest").then().statusCode(200)
                .header(LatestValueResponses.CAPTURED_AT, "2024-04-22T05:25:05Z")
                .body("satellite_id", equalTo(satellite))
                .body("timestamp", equalTo("2024-04-22T05:25:05.000123+00:00"))
                .body("metrics.temperature", equalTo(-1.25f))
                .body("location.latitude", equalTo(10.5f));
    }

    @Test
    void latestSensorReadingIsServedAsSent() {
        String sensorId = unique("sensor-latest");
        produce(companion, SENSORS, sensorId, sensor(sensorId, T0 / 1000, 21.5));
        awaitOk("/sensors/" + sensorId + "/latest").then()
                .header(LatestValueResponses.CAPTURED_AT, "2024-04-22T05:25:00Z")
                .body("sensor_id", equalTo(sensorId))
                .body("temperature", equalTo(21.5f))
                .body("timestamp", equalTo((int) (T0 / 1000)));
    }

    @Test
    void latestCameraFrameIsTheJpegWithItsCaptureTimeAndSizeOnEveryPath() {
        String device = unique("aria-cam");
        long nanos = T0 * 1_000_000 + 42;
        byte[] frame = jpeg(160, 120, Color.RED);
        produce(companion, "aria.camera-eyetracking", null, device, frame,
                frameHeaders(device, "camera-eyetracking", nanos, 160, 120));

        await().atMost(DEADLINE).untilAsserted(() -> given().get("/streams/images/camera-eyetracking/latest").then()
                .statusCode(200).header("X-Device-Id", device));
        for (String path : List.of("/streams/images/camera-eyetracking/latest",
                "/api/v2/kafka-streams/images/camera-eyetracking/latest/",
                "/api/v2/kafka-streams/images/camera-eyetracking/latest")) {
            Response response = given().get(path);
            response.then().statusCode(200)
                    .contentType("image/jpeg")
                    .header("Content-Length", String.valueOf(frame.length))
                    .header(LatestValueResponses.CAPTURED_AT, "2024-04-22T05:25:00Z")
                    .header("X-Captured-At-Nanos", String.valueOf(nanos))
                    .header("X-Image-Width", "160")
                    .header("X-Image-Height", "120");
            assertArrayEquals(frame, response.asByteArray(), path);
        }
    }

    @Test
    void latestWearableSampleIsServedOnEveryPath() {
        String device = unique("aria-imu");
        long nanos = T0 * 1_000_000;
        produce(companion, "aria.imu-left", device, imu(device, "imu-left", nanos, 0.5));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/streams/sensors/imu-left/latest").then()
                .statusCode(200).body("deviceId", equalTo(device)));
        for (String path : List.of("/streams/sensors/imu-left/latest", "/api/v2/kafka-streams/sensors/imu-left/latest/",
                "/api/v2/kafka-streams/sensors/imu-left/latest")) {
            given().get(path).then().statusCode(200)
                    .header(LatestValueResponses.CAPTURED_AT, "2024-04-22T05:25:00Z")
                    .body("deviceId", equalTo(device))
                    .body("stream", equalTo("imu-left"))
                    .body("capturedAtNanos", equalTo(nanos))
                    .body("values.accel_x", equalTo(0.5f));
        }
    }

    @Test
    void latestMicrophoneChunkIsServedAsItsLevels() {
        String device = unique("aria-mic");
        produce(companion, "aria.microphone", null, device, squareWave(960, (short) 16384),
                audioHeaders(device, T0 * 1_000_000));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/streams/sensors/microphone/latest").then()
                .statusCode(200).body("deviceId", equalTo(device))
                .body("values.audio_rms", equalTo(0.5f))
                .body("sampleRateHz", equalTo(48000))
                .body("frames", equalTo(960)));
    }

    @Test
    void unknownIdsAnswer404NamingTheField() {
        given().get("/satellites/SAT-never-seen/latest").then().statusCode(404)
                .contentType("application/json")
                .body("status", equalTo(404))
                .body("field", equalTo("satelliteId"))
                .body("message", containsString("SAT-never-seen"));
        given().get("/sensors/never-seen/latest").then().statusCode(404).body("field", equalTo("sensorId"));
        given().get("/streams/sensors/no-such-stream/latest").then().statusCode(404)
                .body("field", equalTo("stream")).body("message", containsString("unknown stream"));
        given().get("/api/v2/kafka-streams/images/no-such-stream/latest/").then().statusCode(404)
                .body("field", equalTo("stream"));
        given().get("/streams/images/imu-right/latest").then().statusCode(404)
                .body("field", equalTo("stream")).body("message", containsString("not a camera stream"));
        given().get("/streams/sensors/camera-rgb/latest").then().statusCode(404)
                .body("field", equalTo("stream")).body("message", containsString("is a camera stream"));
        given().get("/satellites/x/nothing").then().statusCode(404).body("field", nullValue());
    }
}
