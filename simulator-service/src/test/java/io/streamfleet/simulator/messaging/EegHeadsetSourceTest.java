package io.streamfleet.simulator.messaging;

import static io.streamfleet.simulator.OperatorApi.asOperator;
import static io.restassured.RestAssured.given;
import static io.streamfleet.simulator.SimulatorInfrastructure.EEG_TOPIC;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.simulator.SimulatorInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** The {@code eeg} stream against the real broker: three headsets (test profile), started and stopped over REST. */
@QuarkusTest
@TestProfile(SimulatorInfrastructure.class)
class EegHeadsetSourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FRAME_FIELDS = List.of("headsetId", "seq", "sampleRateHz", "channels",
            "firstSampleAt", "samples");
    private static final Set<String> COMMANDS = Set.of("HOVER", "TAKEOFF", "LAND", "UP", "DOWN", "LEFT", "RIGHT",
            "FORWARD", "BACK", "ROTATE_CW", "ROTATE_CCW");

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private static JsonPath status() {
        return given().get("/streams/eeg").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theEegGroupIsListedWithItsTopic() {
        given().get("/streams").then().statusCode(200)
                .body("find { it.stream == 'eeg' }.topic", equalTo(EEG_TOPIC))
                .body("find { it.stream == 'eeg' }.running", equalTo(false));
    }

    @Test
    void startedFramesReachTheTopicKeyedByHeadsetWithTheContractShapeAndHeadersAndStopStopsThem() throws Exception {
        assertEquals(30.0, status().getDouble("targetPerSecond"), 1e-9,
                "3 headsets x 250 Hz / 25 samples: each headset in real time");
        asOperator().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 150}").put("/streams/eeg/rate")
                .then().statusCode(200).body("targetPerSecond", equalTo(150.0f));
        long before = System.currentTimeMillis();
        asOperator().post("/streams/eeg/start").then().statusCode(200).body("running", equalTo(true));
        await().atMost(DEADLINE).until(() -> status().getLong("sent") >= 120);
        asOperator().post("/streams/eeg/stop").then().statusCode(200).body("running", equalTo(false));

        JsonPath settled = await().atMost(DEADLINE).until(EegHeadsetSourceTest::status,
                s -> s.getLong("sent") == s.getLong("acknowledged") + s.getLong("failed"));
        assertEquals(0, settled.getLong("failed"));
        long acknowledged = settled.getLong("acknowledged");

        List<ConsumerRecord<String, String>> records = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(EEG_TOPIC, acknowledged).awaitCompletion(DEADLINE).getRecords();
        assertEquals(acknowledged, records.size(), "every acknowledged frame is on the topic");
        assertEquals(acknowledged, status().getLong("sent"), "a stopped stream sends nothing more");

        Map<String, List<JsonNode>> perHeadset = new HashMap<>();
        Set<String> intents = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode frame = JSON.readTree(record.value());
            List<String> fields = new ArrayList<>();
            frame.fieldNames().forEachRemaining(fields::add);
            assertEquals(FRAME_FIELDS, fields, "exactly the DESIGN.md frame, nothing that reveals the intent");
            assertEquals(record.key(), frame.get("headsetId").asText(), "keyed by headsetId");
            assertEquals(250, frame.get("sampleRateHz").asInt());
            assertEquals(List.of("Fp1", "Fp2", "C3", "C4", "P7", "P8", "O1", "O2"),
                    JSON.convertValue(frame.get("channels"), List.class));
            assertEquals(25, frame.get("samples").size());
            for (JsonNode sample : frame.get("samples")) {
                assertEquals(8, sample.size());
                sample.forEach(value -> assertTrue(value.isNumber()));
            }
            String intent = header(record, "intent");
            assertTrue(COMMANDS.contains(intent), intent);
            intents.add(intent);
            long producedAt = Long.parseLong(header(record, "producedAt"));
            assertTrue(producedAt >= before && producedAt <= System.currentTimeMillis(), "producedAt " + producedAt);
            perHeadset.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(frame);
        }
        assertEquals(Set.of("h1", "h2", "h3"), perHeadset.keySet());
        perHeadset.forEach((headset, frames) -> {
            for (int i = 1; i < frames.size(); i++) {
                JsonNode previous = frames.get(i - 1);
                JsonNode frame = frames.get(i);
                assertEquals(previous.get("seq").asLong() + 1, frame.get("seq").asLong(), headset + " seq");
                assertEquals(previous.get("firstSampleAt").asLong() + 100, frame.get("firstSampleAt").asLong(),
                        headset + ": device time continues across the rate change");
            }
        });
        assertTrue(intents.size() >= 3, "headsets start at different points of the script: " + intents);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name + " on " + Arrays.toString(record.headers().toArray()));
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
