package io.streamfleet.eeg.messaging;

import static io.restassured.RestAssured.given;
import static io.streamfleet.eeg.EegApi.DEADLINE;
import static io.streamfleet.eeg.EegApi.START;
import static io.streamfleet.eeg.EegApi.dominantBands;
import static io.streamfleet.eeg.EegApi.features;
import static io.streamfleet.eeg.EegApi.frame;
import static io.streamfleet.eeg.EegApi.header;
import static io.streamfleet.eeg.EegApi.json;
import static io.streamfleet.eeg.EegApi.records;
import static io.streamfleet.eeg.EegApi.uniqueHeadset;
import static io.streamfleet.eeg.EegInfrastructure.CONSUMER_GROUP;
import static io.streamfleet.eeg.EegInfrastructure.FRAMES_DLQ_TOPIC;
import static io.streamfleet.eeg.EegInfrastructure.FRAMES_TOPIC;
import static io.streamfleet.eeg.EegInfrastructure.MAX_FRAME_AGE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.eeg.EegInfrastructure;
import io.streamfleet.eeg.domain.InvalidFieldException;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** The processor against the real broker: frames straight onto the topic, as the simulator sends them. */
@QuarkusTest
@TestProfile(EegInfrastructure.class)
class EegFramesConsumerTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    /** When frame 0 of a test was produced, frame n 1 ms later: fresh, as a live headset's frames are. */
    private final long producedAtBase = System.currentTimeMillis();

    private static ProducerRecord<String, String> frameRecord(String key, String value, long producedAt, String intent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(FRAMES_TOPIC, key, value);
        record.headers().add("producedAt", Long.toString(producedAt).getBytes(StandardCharsets.UTF_8));
        if (intent != null) {
            record.headers().add("intent", intent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private void produce(List<ProducerRecord<String, String>> records) {
        companion.produceStrings().fromRecords(records).awaitCompletion(DEADLINE);
    }

    private List<ProducerRecord<String, String>> frames(String headset, long fromSeq, long toSeq, double hz) {
        return frames(headset, fromSeq, toSeq, hz, producedAtBase);
    }

    /** Frames fromSeq..toSeq, frame n produced at {@code producedAtOfSeq0 + n}. */
    private static List<ProducerRecord<String, String>> frames(String headset, long fromSeq, long toSeq, double hz,
            long producedAtOfSeq0) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            records.add(frameRecord(headset, frame(headset, seq, hz), producedAtOfSeq0 + seq, "LEFT"));
        }
        return records;
    }

    private double counter(String name, String... tags) {
        return registry.counter(name, tags).count();
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWhileGoodFramesAroundItStillProduceFeatures() {
        String headset = uniqueHeadset("poison");
        List<ProducerRecord<String, String>> records = new ArrayList<>(frames(headset, 0, 9, 10));
        records.add(frameRecord(headset, "{not json", 1, null));
        records.add(frameRecord(headset, frame(headset, 10, 10).replace("\"sampleRateHz\":250", "\"sampleRateHz\":512"),
                2, null));
        records.add(frameRecord(headset, frame(headset, 10, 10).replaceFirst("\\[\\[[^\\]]*\\]", "[[1,2]"), 3, null));
        records.add(frameRecord(headset, frame("someone-else", 10, 10), 4, null));
        records.addAll(frames(headset, 10, 19, 10));
        produce(records);

        try (ConsumerTask<String, String> dlq = records(companion, FRAMES_DLQ_TOPIC, headset);
                ConsumerTask<String, String> features = features(companion, headset)) {
            List<ConsumerRecord<String, String>> parked = dlq.awaitRecords(4, DEADLINE).getRecords();
            assertEquals(List.of("body", "sampleRateHz", "samples[0]", "key"),
                    parked.stream().map(r -> header(r, "dead-letter-reason").split(":")[0]).toList());
            ConsumerRecord<String, String> first = parked.get(0);
            assertEquals("{not json", first.value(), "the value is kept byte for byte");
            assertEquals(FRAMES_TOPIC, header(first, "dead-letter-topic"));
            assertNotNull(header(first, "dead-letter-partition"));
            assertNotNull(header(first, "dead-letter-offset"));
            assertEquals(InvalidFieldException.class.getName(), header(first, "dead-letter-cause"));
            assertEquals("1", header(first, "producedAt"), "the original headers are kept");

            ConsumerRecord<String, String> window = features.awaitRecords(1, DEADLINE).getFirstRecord();
            Map<String, Object> value = json(window.value());
            assertEquals(Collections.nCopies(8, "alpha"), dominantBands(value));
            assertEquals(0, ((Map<?, ?>) value.get("quality")).get("droppedFrames"), "poison is not a lost frame");
            assertEquals(Long.toString(producedAtBase + 19), header(window, "originProducedAt"));
            assertEquals("LEFT", header(window, "intent"));
        }
    }

    @Test
    void replayedFramesAreIgnoredNotCountedTwice() {
        String headset = uniqueHeadset("replay");
        double replayedBefore = counter("streamfleet_eeg_frames", "outcome", "replayed");
        List<ProducerRecord<String, String>> records = new ArrayList<>(frames(headset, 0, 21, 10));
        records.addAll(frames(headset, 0, 21, 10));
        records.addAll(frames(headset, 22, 23, 10));
        produce(records);
        try (ConsumerTask<String, String> features = features(companion, headset)) {
            // windows complete at frames 19, 21 and 23; the replay of 0-21 in between adds none and no gap
            List<ConsumerRecord<String, String>> windows = features.awaitRecords(3, DEADLINE).getRecords();
            await().atMost(DEADLINE).until(() -> features.getRecords().stream()
                    .anyMatch(r -> Long.toString(producedAtBase + 23).equals(header(r, "originProducedAt"))));
            List<ConsumerRecord<String, String>> all = features.getRecords();
            assertEquals(3, all.size(), "features of one headset arrive in order: no extra window before frame 23's");
            assertEquals(List.of(START, START + 200, START + 400),
                    all.stream().map(r -> ((Number) json(r.value()).get("windowStart")).longValue()).toList());
            assertTrue(windows.stream().allMatch(r -> json(r.value()).get("quality").toString().contains("ok=true")));
        }
        assertTrue(counter("streamfleet_eeg_frames", "outcome", "replayed") >= replayedBefore + 22);
    }

    @Test
    void aGapIsReportedAsDroppedFrames() {
        String headset = uniqueHeadset("gap");
        List<ProducerRecord<String, String>> records = new ArrayList<>(frames(headset, 0, 9, 10));
        records.addAll(frames(headset, 12, 21, 10));
        produce(records);
        try (ConsumerTask<String, String> features = features(companion, headset)) {
            Map<String, Object> window = json(features.awaitRecords(1, DEADLINE).getFirstRecord().value());
            assertEquals(Map.of("ok", false, "droppedFrames", 2, "railingChannels", List.of(), "flatChannels",
                    List.of()), window.get("quality"));
        }
    }

    @Test
    void aConsumerJoiningAndLeavingTheGroupDoesNotStopProcessing() {
        String before = uniqueHeadset("before-rebalance");
        produce(frames(before, 0, 19, 10));
        try (ConsumerTask<String, String> features = features(companion, before)) {
            features.awaitRecords(1, DEADLINE);
        }
        double droppedBefore = counter("streamfleet_eeg_headsets_dropped_on_rebalance");

        // a second member of the service's group takes partitions away, then leaves and gives them back
        ConsumerBuilder<String, String> intruder = companion.consumeStrings().withGroupId(CONSUMER_GROUP);
        try (ConsumerTask<String, String> task = intruder.fromTopics(FRAMES_TOPIC)) {
            Set<TopicPartition> taken = intruder.waitForAssignment().await().atMost(DEADLINE);
            assertFalse(taken.isEmpty());
            await().atMost(DEADLINE).until(
                    () -> counter("streamfleet_eeg_headsets_dropped_on_rebalance") > droppedBefore);
        } finally {
            intruder.close();
        }

        String after = uniqueHeadset("after-rebalance");
        produce(frames(after, 0, 21, 20));
        try (ConsumerTask<String, String> features = features(companion, after)) {
            List<ConsumerRecord<String, String>> windows = features.awaitRecords(2, DEADLINE).getRecords();
            assertEquals(Collections.nCopies(8, "beta"), dominantBands(json(windows.get(0).value())));
        }
    }

    @Test
    void aBacklogOfStaleAndFutureDatedFramesIsJumpedNotPublished() {
        String headset = uniqueHeadset("backlog");
        double staleFramesBefore = counter("streamfleet_eeg_frames_skipped", "reason", "stale");
        double futureFramesBefore = counter("streamfleet_eeg_frames_skipped", "reason", "future");
        double staleWindowsBefore = counter("streamfleet_eeg_windows_skipped", "reason", "stale");
        double futureWindowsBefore = counter("streamfleet_eeg_windows_skipped", "reason", "future");
        long stale = producedAtBase - 10 * MAX_FRAME_AGE.toMillis();
        long future = producedAtBase + 10 * MAX_FRAME_AGE.toMillis();
        List<ProducerRecord<String, String>> records = new ArrayList<>(frames(headset, 0, 29, 10, stale));
        records.addAll(frames(headset, 30, 33, 10, future));
        records.addAll(frames(headset, 34, 41, 10, producedAtBase));
        produce(records);

        try (ConsumerTask<String, String> features = features(companion, headset)) {
            // windows complete at frames 19, 21, ..., 41: six by stale frames, two by future-dated ones, four by fresh
            String last = Long.toString(producedAtBase + 41);
            await().atMost(DEADLINE).until(() -> features.getRecords().stream()
                    .anyMatch(r -> last.equals(header(r, "originProducedAt"))));
            List<ConsumerRecord<String, String>> windows = features.getRecords();
            assertEquals(List.of(35L, 37L, 39L, 41L).stream().map(seq -> Long.toString(producedAtBase + seq)).toList(),
                    windows.stream().map(r -> header(r, "originProducedAt")).toList(),
                    "only windows completed by fresh frames are published, in order");
            Map<String, Object> first = json(windows.get(0).value());
            assertEquals(START + 1_600, ((Number) first.get("windowStart")).longValue(),
                    "frames 16-35: the skipped frames still filled the window, so it is published at once");
            assertEquals(Map.of("ok", true, "droppedFrames", 0, "railingChannels", List.of(), "flatChannels",
                    List.of()), first.get("quality"));
            assertEquals(Collections.nCopies(8, "alpha"), dominantBands(first));
        }

        String entry = "find { it.headsetId == '" + headset + "' }.";
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/eeg/headsets").then().statusCode(200)
                .body(entry + "framesReceived", equalTo(42))
                .body(entry + "framesSkippedStale", equalTo(30))
                .body(entry + "framesSkippedFuture", equalTo(4))
                .body(entry + "windowsSkipped", equalTo(8)));
        assertEquals(staleFramesBefore + 30, counter("streamfleet_eeg_frames_skipped", "reason", "stale"));
        assertEquals(futureFramesBefore + 4, counter("streamfleet_eeg_frames_skipped", "reason", "future"));
        assertEquals(staleWindowsBefore + 6, counter("streamfleet_eeg_windows_skipped", "reason", "stale"));
        assertEquals(futureWindowsBefore + 2, counter("streamfleet_eeg_windows_skipped", "reason", "future"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String counter : List.of("streamfleet_eeg_frames_skipped_total{reason=\"stale\"}",
                "streamfleet_eeg_frames_skipped_total{reason=\"future\"}",
                "streamfleet_eeg_windows_skipped_total{reason=\"stale\"}",
                "streamfleet_eeg_windows_skipped_total{reason=\"future\"}")) {
            assertTrue(metrics.contains(counter), counter);
        }
    }

    @Test
    void aFrameWithoutProducedAtIsJudgedByItsRecordTimestamp() {
        String headset = uniqueHeadset("no-produced-at");
        long stale = producedAtBase - 10 * MAX_FRAME_AGE.toMillis();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (long seq = 0; seq <= 23; seq++) {
            long timestamp = (seq < 20 ? stale : producedAtBase) + seq;
            records.add(new ProducerRecord<>(FRAMES_TOPIC, null, timestamp, headset, frame(headset, seq, 10)));
        }
        produce(records);

        try (ConsumerTask<String, String> features = features(companion, headset)) {
            String last = Long.toString(producedAtBase + 23);
            await().atMost(DEADLINE).until(() -> features.getRecords().stream()
                    .anyMatch(r -> last.equals(header(r, "originProducedAt"))));
            assertEquals(List.of(Long.toString(producedAtBase + 21), last),
                    features.getRecords().stream().map(r -> header(r, "originProducedAt")).toList(),
                    "frame 19's window is skipped; the origin of the others is their record timestamp");
        }
        String entry = "find { it.headsetId == '" + headset + "' }.";
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/eeg/headsets").then().statusCode(200)
                .body(entry + "framesSkippedStale", equalTo(20))
                .body(entry + "windowsSkipped", equalTo(1)));
    }
}
