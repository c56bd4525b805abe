package io.streamfleet.drone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.testsupport.FakeTello;

/** What tests see of the service from outside: Kafka topics, the HTTP API and the fake drone, awaited with deadlines. */
public final class DroneApi {

    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DroneApi() {
    }

    public static String prediction(String headsetId, String command, double confidence, String reason) {
        long now = System.currentTimeMillis();
        return "{\"headsetId\":\"" + headsetId + "\",\"windowEnd\":" + (now - 20) + ",\"command\":\"" + command
                + "\",\"confidence\":" + confidence + ",\"model\":\"bandpower-lda\",\"modelVersion\":\"1\","
                + "\"predictedAt\":" + now + ",\"reason\":\"" + reason + "\"}";
    }

    /** A prediction record as the prediction service writes it, with its timing headers. */
    public static void producePrediction(KafkaCompanion companion, String key, String value, long originProducedAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("producedAt", Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        headers.add("originProducedAt", Long.toString(originProducedAt).getBytes(StandardCharsets.UTF_8));
        companion.produceStrings().fromRecords(new ProducerRecord<>(DroneInfrastructure.PREDICTIONS_TOPIC, null, key,
                value, headers)).awaitCompletion(DEADLINE);
    }

    public static void predict(KafkaCompanion companion, String command, double confidence) {
        producePrediction(companion, FakeTelloResource.HEADSET,
                prediction(FakeTelloResource.HEADSET, command, confidence, "model"), System.currentTimeMillis() - 40);
    }

    public static RequestSpecification asOperator() {
        return given().auth().preemptive().basic("operator", "operator");
    }

    public static Response order(String droneId, String order) {
        return asOperator().post("/drones/{id}/{order}", droneId, order);
    }

    public static Map<String, Object> drone(String droneId) {
        return given().get("/drones/{id}", droneId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** Lands the drone through the operator endpoint (always sent; re-arms after an emergency) and waits for it. */
    public static void landed(FakeTello tello) {
        int mark = tello.received().size();
        order(FakeTelloResource.DRONE, "land").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> after(tello, mark).contains("land"));
    }

    /** What the fake received since {@code mark} (an earlier {@code received().size()}). */
    public static List<String> after(FakeTello tello, int mark) {
        List<String> all = tello.received();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    /** The drone-commands records matching {@code filter}, waiting until there are {@code count}. */
    public static List<ConsumerRecord<String, String>> commands(KafkaCompanion companion, int count,
            Predicate<Map<String, Object>> filter) {
        return companion.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(DroneInfrastructure.COMMANDS_TOPIC, records -> records.select()
                        .where(r -> filter.test(json(r.value()))))
                .awaitRecords(count, DEADLINE).getRecords();
    }

    public static Map<String, Object> json(String value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + value, e);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
