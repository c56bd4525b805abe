package io.streamfleet.prediction.messaging;

import static io.restassured.RestAssured.given;
import static io.streamfleet.prediction.Pipeline.awaitLatest;
import static io.streamfleet.prediction.Pipeline.awaitPredictions;
import static io.streamfleet.prediction.Pipeline.awaitRecords;
import static io.streamfleet.prediction.Pipeline.header;
import static io.streamfleet.prediction.Pipeline.json;
import static io.streamfleet.prediction.Pipeline.send;
import static io.streamfleet.prediction.Pipeline.uniqueHeadset;
import static io.streamfleet.prediction.PredictionInfrastructure.MAX_WINDOW_AGE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.prediction.PredictionInfrastructure;
import io.streamfleet.prediction.TestModels;
import io.streamfleet.prediction.domain.Command;
import io.streamfleet.prediction.domain.EegFeatures;
import io.streamfleet.prediction.domain.SyntheticBandPowers;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** eeg-features -> prediction-results through the running service, on a real broker, with the built-in model. */
@QuarkusTest
@TestProfile(PredictionInfrastructure.class)
class FeaturesProcessorTest {

    private static final SyntheticBandPowers WINDOWS = new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, 5);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @Test
    void windowIsPredictedKeyedByHeadsetWithHeadersCopied() {
        String headset = uniqueHeadset("forward");
        EegFeatures window = WINDOWS.cleanWindow(Command.FORWARD, headset, 1_713_763_502_000L);
        long sentAt = System.currentTimeMillis();
        String origin = Long.toString(sentAt - 10);
        // the intent header says BACK: it is evaluation data, copied but never used to decide
        send(companion, headset, SyntheticBandPowers.json(window), Map.of("producedAt", Long.toString(sentAt),
                "originProducedAt", origin, "intent", "BACK"));

        ConsumerRecord<String, String> record = awaitPredictions(companion, headset, 1).get(0);
        Map<String, Object> prediction = json(record.value());
        assertEquals(headset, record.key());
        assertEquals(headset, prediction.get("headsetId"));
        assertEquals(1_713_763_502_000L, ((Number) prediction.get("windowEnd")).longValue());
        assertEquals("FORWARD", prediction.get("command"));
        assertEquals("model", prediction.get("reason"));
        assertEquals(TestModels.NAME, prediction.get("model"));
        assertEquals(TestModels.VERSION, prediction.get("modelVersion"));
        double confidence = ((Number) prediction.get("confidence")).doubleValue();
        assertEquals(TestModels.model().classify(window).confidence(), confidence, 1e-9);
        assertTrue(confidence >= PredictionInfrastructure.CONFIDENCE_THRESHOLD, "confidence " + confidence);
        assertEquals(origin, header(record, "originProducedAt"));
        assertEquals("BACK", header(record, "intent"));
        long producedAt = Long.parseLong(header(record, "producedAt"));
        assertTrue(producedAt >= sentAt, "producedAt " + producedAt + " before the features were sent " + sentAt);
        assertEquals(producedAt, ((Number) prediction.get("predictedAt")).longValue());

        Map<String, Object> latest = awaitLatest(headset, 1_713_763_502_000L);
        assertEquals("FORWARD", latest.get("command"));
    }

    @Test
    void windowWithBadSignalIsHoverWithoutAskingTheModel() {
        String headset = uniqueHeadset("bad-signal");
        EegFeatures clean = WINDOWS.cleanWindow(Command.FORWARD, headset, 1_713_763_504_000L);
        EegFeatures railing = new EegFeatures(clean.headsetId(), clean.windowStart(), clean.windowEnd(),
                clean.sampleRateHz(), clean.channels(), clean.bands(),
                new EegFeatures.Quality(false, 0, List.of("O1"), List.of()));
        send(companion, railing);

        Map<String, Object> prediction = json(awaitPredictions(companion, headset, 1).get(0).value());
        assertEquals("HOVER", prediction.get("command"));
        assertEquals("signal-quality", prediction.get("reason"));
        assertEquals(0.0, ((Number) prediction.get("confidence")).doubleValue());
    }

    @Test
    void ambiguousWindowIsHoverWithItsLowConfidence() {
        String headset = uniqueHeadset("unsure");
        EegFeatures between = WINDOWS.blend(Command.FORWARD, Command.BACK, 0.5, headset, 1_713_763_506_000L, 0);
        double modelConfidence = TestModels.model().classify(between).confidence();
        assertTrue(modelConfidence < PredictionInfrastructure.CONFIDENCE_THRESHOLD, "test window is not ambiguous");
        send(companion, between);

        Map<String, Object> prediction = json(awaitPredictions(companion, headset, 1).get(0).value());
        assertEquals("HOVER", prediction.get("command"));
        assertEquals("low-confidence", prediction.get("reason"));
        assertEquals(modelConfidence, ((Number) prediction.get("confidence")).doubleValue(), 1e-9);
    }

    @Test
    void unpredictableRecordsGoToDeadLetterTopicAndTheNextWindowIsStillPredicted() {
        String headset = uniqueHeadset("poison");
        send(companion, headset, "this is not JSON", Map.of("intent", "UP"));
        String otherMontage = SyntheticBandPowers.json(WINDOWS.cleanWindow(Command.LEFT, headset, 1_713_763_508_000L))
                .replace("\"O2\"", "\"Oz\"");
        send(companion, headset, otherMontage, Map.of());
        send(companion, WINDOWS.cleanWindow(Command.LEFT, headset, 1_713_763_510_000L));

        Map<String, Object> prediction = json(awaitPredictions(companion, headset, 1).get(0).value());
        assertEquals("LEFT", prediction.get("command"));
        assertEquals(1_713_763_510_000L, ((Number) prediction.get("windowEnd")).longValue());

        List<ConsumerRecord<String, String>> dead = awaitRecords(companion, PredictionInfrastructure.FEATURES_DLQ_TOPIC,
                headset, 2);
        assertEquals("this is not JSON", dead.get(0).value());
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("body:"), header(dead.get(0), "dead-letter-reason"));
        assertEquals("UP", header(dead.get(0), "intent"));
        assertEquals(otherMontage, dead.get(1).value());
        assertTrue(header(dead.get(1), "dead-letter-reason").startsWith("channels:"), header(dead.get(1), "dead-letter-reason"));
        assertEquals(PredictionInfrastructure.FEATURES_TOPIC, header(dead.get(0), "dead-letter-topic"));
        assertEquals(Long.parseLong(header(dead.get(0), "dead-letter-offset")) + 1,
                Long.parseLong(header(dead.get(1), "dead-letter-offset")));
        assertEquals("io.streamfleet.prediction.domain.InvalidFieldException", header(dead.get(1), "dead-letter-cause"));
    }

    /**
     * A stalled service resumes on a backlog: windows whose EEG is older than the maximum age, or ahead of this clock
     * beyond the skew, are skipped and counted; only the fresh window after them is predicted. All three share a
     * headset, hence a partition: had either skipped window been predicted, its prediction would come first.
     */
    @Test
    void windowsWithTooOldOrFutureEegAreSkippedAndOnlyTheFreshOneIsPredicted() {
        double staleBefore = skipped("stale");
        double futureBefore = skipped("future");
        String headset = uniqueHeadset("backlog");
        long now = System.currentTimeMillis();
        sendWithOrigin(WINDOWS.cleanWindow(Command.FORWARD, headset, 1_713_763_520_000L), now - 37_000, now);
        sendWithOrigin(WINDOWS.cleanWindow(Command.LEFT, headset, 1_713_763_520_250L), now + 60_000, now);
        sendWithOrigin(WINDOWS.cleanWindow(Command.UP, headset, 1_713_763_520_500L), now, now);

        ConsumerRecord<String, String> first = awaitPredictions(companion, headset, 1).get(0);
        Map<String, Object> prediction = json(first.value());
        assertEquals(1_713_763_520_500L, ((Number) prediction.get("windowEnd")).longValue(), prediction::toString);
        assertEquals("UP", prediction.get("command"));
        assertEquals(Long.toString(now), header(first, "originProducedAt"));
        assertEquals(staleBefore + 1, skipped("stale"));
        assertEquals(futureBefore + 1, skipped("future"));

        given().get("/models").then().statusCode(200)
                .body("skippedWindows.maxWindowAgeMs", equalTo((int) MAX_WINDOW_AGE.toMillis()))
                .body("skippedWindows.clockSkewMs", equalTo(500))
                .body("skippedWindows.stale", greaterThanOrEqualTo((float) staleBefore + 1))
                .body("skippedWindows.future", greaterThanOrEqualTo((float) futureBefore + 1));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("streamfleet_prediction_windows_skipped_total{reason=\"stale\"}"))
                .body(containsString("streamfleet_prediction_windows_skipped_total{reason=\"future\"}"));
    }

    /** The age is decided from the header alone: a stale record is skipped unread, so a backlog is crossed fast. */
    @Test
    void staleRecordIsSkippedWithoutReadingItsValue() {
        double staleBefore = skipped("stale");
        String headset = uniqueHeadset("stale-poison");
        long now = System.currentTimeMillis();
        send(companion, headset, "stale and not JSON", Map.of("originProducedAt", Long.toString(now - 60_000)));
        send(companion, headset, "fresh and not JSON", Map.of("originProducedAt", Long.toString(now)));

        ConsumerRecord<String, String> dead = awaitRecords(companion, PredictionInfrastructure.FEATURES_DLQ_TOPIC,
                headset, 1).get(0);
        assertEquals("fresh and not JSON", dead.value());
        assertEquals(staleBefore + 1, skipped("stale"));
    }

    @Test
    void windowWithoutOriginIsAgedByItsProducedAtWhichIsPublishedAsItsOrigin() {
        double staleBefore = skipped("stale");
        String headset = uniqueHeadset("no-origin");
        long now = System.currentTimeMillis();
        EegFeatures old = WINDOWS.cleanWindow(Command.DOWN, headset, 1_713_763_530_000L);
        EegFeatures fresh = WINDOWS.cleanWindow(Command.DOWN, headset, 1_713_763_530_250L);
        send(companion, headset, SyntheticBandPowers.json(old), Map.of("producedAt", Long.toString(now - 60_000)));
        send(companion, headset, SyntheticBandPowers.json(fresh), Map.of("producedAt", Long.toString(now)));

        ConsumerRecord<String, String> first = awaitPredictions(companion, headset, 1).get(0);
        assertEquals(1_713_763_530_250L, ((Number) json(first.value()).get("windowEnd")).longValue());
        assertEquals(Long.toString(now), header(first, "originProducedAt"));
        assertEquals(staleBefore + 1, skipped("stale"));
    }

    /** Neither header: the window is predicted, but without originProducedAt, so drone-command refuses to act on it. */
    @Test
    void windowOfUnknownAgeIsPredictedWithoutOrigin() {
        String headset = uniqueHeadset("unknown-age");
        EegFeatures window = WINDOWS.cleanWindow(Command.RIGHT, headset, 1_713_763_540_000L);
        send(companion, headset, SyntheticBandPowers.json(window), Map.of("intent", "RIGHT"));

        ConsumerRecord<String, String> record = awaitPredictions(companion, headset, 1).get(0);
        assertEquals("RIGHT", json(record.value()).get("command"));
        assertNull(header(record, "originProducedAt"));
        assertEquals("RIGHT", header(record, "intent"));
    }

    @Test
    void latencyAndPredictionsAreMeasured() {
        String headset = uniqueHeadset("metrics");
        send(companion, WINDOWS.cleanWindow(Command.UP, headset, 1_713_763_512_000L));
        awaitPredictions(companion, headset, 1);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("streamfleet_prediction_latency_seconds_bucket"))
                .body(containsString("streamfleet_prediction_predictions_total{command=\"UP\",reason=\"model\"}"));
    }

    private void sendWithOrigin(EegFeatures window, long originProducedAt, long producedAt) {
        send(companion, window.headsetId(), SyntheticBandPowers.json(window), Map.of(
                "originProducedAt", Long.toString(originProducedAt), "producedAt", Long.toString(producedAt)));
    }

    private double skipped(String reason) {
        return registry.find("streamfleet_prediction_windows_skipped").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
