package io.streamfleet.simulator.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.simulator.SimulatorInfrastructure.ORDERS_TOPIC;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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

    private static JsonPath status(String stream) {
        return given().get("/streams/{s}", stream).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void everyRecordTheOrderStreamSendsIsOnTheTopicAsAValidOrder() throws Exception {
        given().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 200}")
                .put("/streams/widget-orders/rate")
                .then().statusCode(200).body("targetPerSecond", equalTo(200.0f));
        given().post("/streams/widget-orders/start").then().statusCode(200).body("running", equalTo(true));
        await().atMost(DEADLINE).until(() -> status("widget-orders").getLong("sent") >= 50);
        given().post("/streams/widget-orders/stop").then().statusCode(200).body("running", equalTo(false));

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
    void streamsAreListedWithTheirTopic() {
        given().get("/streams").then().statusCode(200)
                .body("stream", hasItem("widget-orders"))
                .body("find { it.stream == 'widget-orders' }.topic", equalTo(ORDERS_TOPIC));
    }

    @Test
    void unknownStreamIs404WithJson() {
        given().post("/streams/no-such-stream/start")
                .then().statusCode(404).contentType(ContentType.JSON).body("status", equalTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"messagesPerSecond\": 0}", "{\"messagesPerSecond\": -5}",
            "{\"messagesPerSecond\": \"fast\"}", "{\"messagesPerSecond\": 1e9}", "{}" })
    void invalidRateIsRejectedNamingTheField(String body) {
        given().contentType(ContentType.JSON).body(body).put("/streams/widget-orders/rate")
                .then().statusCode(400).contentType(ContentType.JSON).body("field", equalTo("messagesPerSecond"));
    }

    @Test
    void nonJsonRateBodyIsRejected() {
        given().contentType(ContentType.JSON).body("fast please").put("/streams/widget-orders/rate")
                .then().statusCode(400).body("field", equalTo("body"));
    }
}
