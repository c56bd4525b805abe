package io.streamfleet.prediction;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.prediction.domain.EegFeatures;
import io.streamfleet.prediction.domain.SyntheticBandPowers;

/** What tests see of the service from outside: the features topic in, the predictions topic and HTTP out. */
public final class Pipeline {

    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Pipeline() {
    }

    /** A headset id no other test uses, so tests sharing one broker stay independent. */
    public static String uniqueHeadset(String label) {
        return label + "-" + UUID.randomUUID();
    }

    public static void send(KafkaCompanion companion, String headsetId, String value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
        companion.produceStrings().fromRecords(new ProducerRecord<>(PredictionInfrastructure.FEATURES_TOPIC, null,
                headsetId, value, recordHeaders)).awaitCompletion(DEADLINE);
    }

    public static void send(KafkaCompanion companion, EegFeatures features) {
        send(companion, features.headsetId(), SyntheticBandPowers.json(features),
                Map.of("producedAt", Long.toString(System.currentTimeMillis())));
    }

    public static List<ConsumerRecord<String, String>> awaitRecords(KafkaCompanion companion, String topic,
            String key, int count) {
        return companion.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic, records -> records.select().where(r -> key.equals(r.key())))
                .awaitRecords(count, DEADLINE).getRecords();
    }

    public static List<ConsumerRecord<String, String>> awaitPredictions(KafkaCompanion companion, String headsetId,
            int count) {
        return awaitRecords(companion, PredictionInfrastructure.PREDICTIONS_TOPIC, headsetId, count);
    }

    public static Map<String, Object> json(String value) {
        try {
            return JSON.readValue(value, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until {@code GET /predictions/{headsetId}/latest} shows the window ending at {@code windowEnd}. */
    public static Map<String, Object> awaitLatest(String headsetId, long windowEnd) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            var response = given().get("/predictions/{h}/latest", headsetId);
            return response.statusCode() == 200 ? response.jsonPath().<String, Object>getMap("$") : null;
        }, latest -> latest != null && ((Number) latest.get("windowEnd")).longValue() == windowEnd);
    }
}
