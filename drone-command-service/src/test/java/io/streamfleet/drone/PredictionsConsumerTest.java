package io.streamfleet.drone;

import static io.restassured.RestAssured.given;
import static io.streamfleet.drone.DroneApi.DEADLINE;
import static io.streamfleet.drone.DroneApi.commands;
import static io.streamfleet.drone.DroneApi.header;
import static io.streamfleet.drone.DroneApi.json;
import static io.streamfleet.drone.DroneApi.prediction;
import static io.streamfleet.drone.DroneApi.producePrediction;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** prediction-results -> policy -> drone-commands on a real broker: audit records, headers, dead letters. */
@QuarkusTest
@TestProfile(DroneInfrastructure.class)
class PredictionsConsumerTest {

    @InjectFakeTello
    io.streamfleet.testsupport.FakeTello tello;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    /** A confidence no other test uses, so this test finds its own decision on the shared topic. */
    private static double uniqueConfidence() {
        return 0.5 + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 100_000) / 1_000_000.0;
    }

    @Test
    void aRefusalIsAuditedWithItsReasonAndTheTimingHeaders() {
        double confidence = uniqueConfidence();
        long origin = System.currentTimeMillis() - 123;
        producePrediction(companion, "h1", prediction("h1", "FORWARD", confidence, "model"), origin);

        ConsumerRecord<String, String> record = commands(companion, 1,
                c -> c.get("confidence") instanceof Number n && n.doubleValue() == confidence).get(0);
        Map<String, Object> refusal = json(record.value());
        assertEquals("tello-1", record.key());
        assertEquals("REFUSE", refusal.get("action"));
        assertTrue(((String) refusal.get("reason")).startsWith("low-confidence"), refusal.toString());
        assertEquals("forward 30", refusal.get("sdk"));
        assertEquals("FORWARD", refusal.get("prediction"));
        assertEquals("h1", refusal.get("headsetId"));
        assertNotNull(refusal.get("commandId"));
        assertEquals(Long.toString(origin), header(record, "originProducedAt"));
        assertTrue(Long.parseLong(header(record, "producedAt")) >= origin);
    }

    @Test
    void aMalformedPredictionGoesToTheDeadLetterTopicAndTheNextOneIsDecided() {
        String key = "poison-" + UUID.randomUUID();
        producePrediction(companion, key, "this is not JSON", 1L);
        producePrediction(companion, key, "{\"headsetId\":\"h1\",\"command\":\"FLY\",\"confidence\":0.9,"
                + "\"predictedAt\":1}", 1L);
        double confidence = uniqueConfidence();
        producePrediction(companion, key, prediction("h1", "HOVER", confidence, "model"), System.currentTimeMillis());

        Map<String, Object> decided = json(commands(companion, 1,
                c -> c.get("confidence") instanceof Number n && n.doubleValue() == confidence).get(0).value());
        assertTrue(((String) decided.get("reason")).startsWith("hover"), decided.toString());

        List<ConsumerRecord<String, String>> dead = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(DroneInfrastructure.PREDICTIONS_DLQ_TOPIC, records -> records.select()
                        .where(r -> key.equals(r.key())))
                .awaitRecords(2, DEADLINE).getRecords();
        assertEquals("this is not JSON", dead.get(0).value());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("body:"));
        assertTrue(header(dead.get(1), "dead-letter-reason").startsWith("command:"));
        assertEquals(DroneInfrastructure.PREDICTIONS_TOPIC, header(dead.get(0), "dead-letter-topic"));
        assertEquals("io.streamfleet.drone.domain.InvalidFieldException", header(dead.get(0), "dead-letter-cause"));
        assertNotNull(header(dead.get(0), "dead-letter-offset"));
        assertEquals("1", header(dead.get(0), "originProducedAt"), "the original headers are kept");
    }

    @Test
    void anUnreadableDroneCommandGoesToItsDeadLetterTopicAndIsNeverSent() {
        String key = "junk-" + UUID.randomUUID();
        companion.produceStrings().fromRecords(
                new org.apache.kafka.clients.producer.ProducerRecord<>(DroneInfrastructure.COMMANDS_TOPIC, key,
                        "{\"droneId\":\"tello-1\",\"action\":\"SEND\",\"sdk\":\"flip l\""),
                new org.apache.kafka.clients.producer.ProducerRecord<>(DroneInfrastructure.COMMANDS_TOPIC, key,
                        "{\"droneId\":\"tello-1\",\"sdk\":\"flip r\"}"))
                .awaitCompletion(DEADLINE);

        List<ConsumerRecord<String, String>> dead = companion.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(DroneInfrastructure.COMMANDS_DLQ_TOPIC, records -> records.select()
                        .where(r -> key.equals(r.key())))
                .awaitRecords(2, DEADLINE).getRecords();
        assertTrue(header(dead.get(1), "dead-letter-reason").startsWith("commandId:"), header(dead.get(1),
                "dead-letter-reason"));
        assertEquals(DroneInfrastructure.COMMANDS_TOPIC, header(dead.get(0), "dead-letter-topic"));
        assertTrue(tello.received().stream().noneMatch(text -> text.startsWith("flip")),
                "an unreadable command is never sent");
    }

    @Test
    void predictionsOfAnUnpairedHeadsetAreCountedAndSkipped() {
        double before = unpaired();
        String headset = "nobody-" + UUID.randomUUID();
        double confidence = uniqueConfidence();
        producePrediction(companion, headset, prediction(headset, "TAKEOFF", confidence, "model"), 1L);
        await().atMost(DEADLINE).until(() -> unpaired() >= before + 1);
    }

    private static double unpaired() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("streamfleet_drone_predictions_unpaired_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
