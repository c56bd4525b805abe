package io.streamfleet.simulator.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.simulator.OperatorApi.asOperator;
import static io.streamfleet.simulator.OperatorApi.asViewer;
import static io.streamfleet.simulator.OperatorApi.status;
import static io.streamfleet.simulator.SimulatorInfrastructure.ORDERS_TOPIC;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.simulator.SimulatorInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

@QuarkusTest
@TestProfile(SimulatorInfrastructure.class)
class StreamControlResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void everyRecordTheOrderStreamSendsIsOnTheTopicAsAValidOrder() throws Exception {
        asOperator().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 200}")
                .put("/streams/widget-orders/rate")
                .then().statusCode(200).body("targetPerSecond", equalTo(200.0f));
        asOperator().post("/streams/widget-orders/start").then().statusCode(200).body("running", equalTo(true));
        await().atMost(DEADLINE).until(() -> status("widget-orders").getLong("sent") >= 50);
        asOperator().post("/streams/widget-orders/stop").then().statusCode(200).body("running", equalTo(false));

        // once everything in flight is settled the counters stop moving, and the topic holds exactly the acks
        JsonPath settled = await().atMost(DEADLINE).until(() -> status("widget-orders"),
                s -> s.getLong("sent") == s.getLong("acknowledged") + s.getLong("failed"));
        assertEquals(0, settled.getLong("failed"));
        long acknowledged = settled.getLong("acknowledged");

        List<ConsumerRecord<String, String>> records = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(ORDERS_TOPIC, acknowledged).awaitCompletion(DEADLINE).getRecords();
        assertEquals(acknowledged, records.size());
        assertEquals(acknowledged, status("widget-orders").getLong("sent"), "a stopped stream sends nothing more");
        for (ConsumerRecord<String, String> record : records) {
            JsonNode order = JSON.readTree(record.value());
            assertEquals("WidgetOrdered", order.get("type").asText());
            assertEquals(record.key(), order.get("customerId").asText(), "records are keyed by customer");
            assertTrue(order.get("widgetId").asText().startsWith("W"));
            assertTrue(order.get("quantity").asInt() >= 1);
            assertTrue(order.get("orderedAt").asLong() > 1_700_000_000_000L);
            assertNotNull(record.headers().lastHeader("producedAt"));
        }
    }

    @Test
    void streamsAreListedWithTheirTopicAndBurstProtection() {
        given().get("/streams").then().statusCode(200)
                .body("stream", hasItems("widget-orders", "satellite-telemetry", "sensor-stream", "camera-rgb",
                        "camera-slam-left", "camera-slam-right", "camera-eyetracking", "imu-right", "imu-left",
                        "magnetometer", "barometer", "microphone"))
                .body("find { it.stream == 'widget-orders' }.topic", equalTo(ORDERS_TOPIC))
                .body("find { it.stream == 'camera-rgb' }.topic", equalTo("aria.camera-rgb"))
                .body("find { it.stream == 'camera-rgb' }.priority", equalTo("IMAGE"))
                .body("find { it.stream == 'camera-rgb' }.limits.sampleFraction", equalTo(0.3f))
                .body("find { it.stream == 'imu-right' }.limits.sampleFraction", equalTo(0.1f))
                .body("find { it.stream == 'imu-right' }.targetPerSecond", equalTo(1000.0f))
                .body("find { it.stream == 'imu-left' }.targetPerSecond", equalTo(800.0f))
                .body("find { it.stream == 'satellite-telemetry' }.limits.messagesPerSecond", equalTo(100.0f))
                .body("find { it.stream == 'satellite-telemetry' }.limits.bytesPerSecond", equalTo(10485760.0f))
                .body("find { it.stream == 'satellite-telemetry' }.limits.compression", equalTo("lz4"))
                .body("find { it.stream == 'widget-orders' }.limits.compression", equalTo("gzip"))
                .body("find { it.stream == 'satellite-telemetry' }.state", equalTo("stopped"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/streams/sensor-stream/start", "/streams/sensor-stream/stop",
            "/api/v2/kafka-streams/control/producer/start/sensor-stream/",
            "/api/v2/kafka-streams/control/producer/stop/sensor-stream" })
    void changingAStreamWithoutCredentialsIs401AndAsViewer403(String path) {
        given().post(path).then().statusCode(401);
        asViewer().post(path).then().statusCode(403);
        given().auth().preemptive().basic("operator", "wrong").post(path).then().statusCode(401);
        assertEquals("stopped", status("sensor-stream").getString("state"), "nothing was started");
    }

    @Test
    void settingARateNeedsTheOperatorRole() {
        given().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 3}").put("/streams/magnetometer/rate")
                .then().statusCode(401);
        asViewer().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 3}").put("/streams/magnetometer/rate")
                .then().statusCode(403);
        assertEquals(10.0, status("magnetometer").getDouble("targetPerSecond"), "Aria rate, unchanged");
    }

    @Test
    void readingIsOpenToEveryone() {
        given().get("/streams").then().statusCode(200);
        given().get("/streams/magnetometer").then().statusCode(200).body("kind", equalTo("SENSOR"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v2/kafka-streams/control/producer/%s/barometer/",
            "/api/v2/kafka-streams/control/producer/%s/barometer" })
    void theWearablePlatformsControlPathsStartAndStopWithAndWithoutTrailingSlash(String template) {
        asOperator().post(String.format(template, "start")).then().statusCode(200)
                .body("stream", equalTo("barometer")).body("running", equalTo(true));
        assertEquals("running", status("barometer").getString("state"));
        asOperator().post(String.format(template, "stop")).then().statusCode(200).body("running", equalTo(false));
        assertEquals("stopped", status("barometer").getString("state"));
    }

    @Test
    void wearablePlatformPathForAnUnknownStreamIs404() {
        asOperator().post("/api/v2/kafka-streams/control/producer/start/no-such-stream/").then().statusCode(404)
                .contentType(ContentType.JSON);
    }

    @Test
    void unknownStreamIs404WithJson() {
        asOperator().post("/streams/no-such-stream/start")
                .then().statusCode(404).contentType(ContentType.JSON).body("status", equalTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"messagesPerSecond\": 0}", "{\"messagesPerSecond\": -5}",
            "{\"messagesPerSecond\": \"fast\"}", "{\"messagesPerSecond\": 1e9}", "{}" })
    void invalidRateIsRejectedNamingTheField(String body) {
        asOperator().contentType(ContentType.JSON).body(body).put("/streams/widget-orders/rate")
                .then().statusCode(400).contentType(ContentType.JSON).body("field", equalTo("messagesPerSecond"));
    }

    @Test
    void nonJsonRateBodyIsRejected() {
        asOperator().contentType(ContentType.JSON).body("fast please").put("/streams/widget-orders/rate")
                .then().statusCode(400).body("field", equalTo("body"));
    }
}
