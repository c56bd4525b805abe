package io.streamfleet.telemetry.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.telemetry.TelemetryInfrastructure.SENSORS;
import static io.streamfleet.telemetry.TelemetryRecords.DEADLINE;
import static io.streamfleet.telemetry.TelemetryRecords.produce;
import static io.streamfleet.telemetry.TelemetryRecords.sensor;
import static io.streamfleet.telemetry.TelemetryRecords.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.telemetry.TelemetryInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** GET /admin/streams, /admin/status, /admin/health and their legacy paths, after real traffic. */
@QuarkusTest
@TestProfile(TelemetryInfrastructure.class)
class AdminResourceTest {

    private static final String SENSOR_STREAM = "find { it.topic == 'sensor-stream' }";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static long sensorCount(String field) {
        Number value = given().get("/admin/streams").then().statusCode(200).extract().path(SENSOR_STREAM + "." + field);
        return value == null ? 0 : value.longValue();
    }

    @Test
    void streamsShowEveryTopicWithItsRecordsDeadLettersAndLag() {
        long recordsBefore = sensorCount("records");
        long deadBefore = sensorCount("deadLettered");
        String sensorId = unique("sensor-admin");
        for (int i = 0; i < 3; i++) {
            produce(companion, SENSORS, sensorId, sensor(sensorId, 1_713_763_500L + i, 20 + i));
        }
        produce(companion, SENSORS, sensorId, "{\"sensor_id\":\"" + sensorId + "\"}");

        await().atMost(DEADLINE).until(() -> sensorCount("records") >= recordsBefore + 4);
        assertEquals(deadBefore + 1, sensorCount("deadLettered"));
        await().atMost(DEADLINE).until(() -> sensorCount("lag") == 0);

        for (String path : List.of("/admin/streams", "/api/v2/kafka-streams/admin/streams/",
                "/api/v2/kafka-streams/admin/streams")) {
            given().get(path).then().statusCode(200)
                    .body("topic", hasItems("satellite-telemetry", "sensor-stream", "aria.imu-right", "aria.camera-rgb",
                            "aria.microphone"))
                    .body("size()", equalTo(2 + TelemetryInfrastructure.WEARABLE.size()))
                    .body(SENSOR_STREAM + ".channel", equalTo("sensors"))
                    .body(SENSOR_STREAM + ".deadLetterTopic", equalTo("sensor-stream.dlq"))
                    .body(SENSOR_STREAM + ".lastSeenAt", notNullValue())
                    .body(SENSOR_STREAM + ".lastCapturedAt", notNullValue())
                    .body(SENSOR_STREAM + ".samplesWritten", greaterThanOrEqualTo(3))
                    .body("find { it.topic == 'aria.imu-right' }.stream", equalTo("imu-right"));
        }
        // the records just consumed count in the rate over the last window
        Map<String, Object> sensors = given().get("/admin/streams").then().extract().path(SENSOR_STREAM);
        assertEquals(true, ((Number) sensors.get("recordsPerSecond")).doubleValue() > 0
                || ((Number) sensors.get("records")).longValue() >= recordsBefore + 4);
    }

    @Test
    void statusAndHealthReportAHealthySink() {
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/admin/status").then().statusCode(200)
                .body("status", equalTo("UP")));
        for (String path : List.of("/admin/status", "/api/v2/kafka-streams/admin/status/",
                "/api/v2/kafka-streams/admin/status")) {
            given().get(path).then().statusCode(200)
                    .body("victoriaMetrics.reachable", equalTo(true))
                    .body("victoriaMetrics.writeUrl", notNullValue())
                    .body("channelsWaiting.size()", equalTo(0))
                    .body("topics", equalTo(2 + TelemetryInfrastructure.WEARABLE.size()))
                    .body("uptimeSeconds", greaterThanOrEqualTo(0));
        }
        for (String path : List.of("/admin/health", "/api/v2/kafka-streams/admin/health/",
                "/api/v2/kafka-streams/admin/health")) {
            given().get(path).then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.name", hasItems("VictoriaMetrics"))
                    .body("checks.size()", greaterThan(1));
        }
    }
}
