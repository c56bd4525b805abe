package io.streamfleet.eeg.rest;

import static io.restassured.RestAssured.given;
import static io.streamfleet.eeg.EegApi.CYTON;
import static io.streamfleet.eeg.EegApi.DEADLINE;
import static io.streamfleet.eeg.EegApi.START;
import static io.streamfleet.eeg.EegApi.batch;
import static io.streamfleet.eeg.EegApi.dominantBands;
import static io.streamfleet.eeg.EegApi.features;
import static io.streamfleet.eeg.EegApi.frame;
import static io.streamfleet.eeg.EegApi.header;
import static io.streamfleet.eeg.EegApi.json;
import static io.streamfleet.eeg.EegApi.post;
import static io.streamfleet.eeg.EegApi.records;
import static io.streamfleet.eeg.EegApi.uniqueHeadset;
import static io.streamfleet.eeg.EegInfrastructure.FRAMES_TOPIC;
import static io.streamfleet.eeg.EegInfrastructure.MAX_BODY_BYTES;
import static io.streamfleet.eeg.EegInfrastructure.MAX_FRAMES_PER_REQUEST;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.eeg.EegInfrastructure;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/**
 * The gateway and the read API as a client sees them: frames posted over HTTP travel through the real broker and the
 * processor and come out as features. Only HTTP and Kafka are used, so {@code EegFrameResourceIT} runs the same
 * checks against the packaged app.
 */
@QuarkusTest
@TestProfile(EegInfrastructure.class)
class EegFrameResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void framesPostedOverHttpComeOutAsFeaturesWithTheirHeaders() {
        String headset = uniqueHeadset("alpha");
        post(headset, batch(headset, 0, 9, 10), "FORWARD").then().statusCode(202)
                .body("headsetId", equalTo(headset)).body("frames", equalTo(10))
                .body("firstSeq", equalTo(0)).body("lastSeq", equalTo(9));
        post(headset, batch(headset, 10, 21, 10), "FORWARD").then().statusCode(202);

        try (ConsumerTask<String, String> features = features(companion, headset);
                ConsumerTask<String, String> frames = records(companion, FRAMES_TOPIC, headset)) {
            // frame 19 completes the first 2 s window, frame 21 the second
            List<ConsumerRecord<String, String>> windows = features.awaitRecords(2, DEADLINE).getRecords();
            frames.awaitRecords(22, DEADLINE);
            Map<String, Object> first = json(windows.get(0).value());
            assertEquals(headset, first.get("headsetId"));
            assertEquals(START, ((Number) first.get("windowStart")).longValue());
            assertEquals(START + 2000, ((Number) first.get("windowEnd")).longValue());
            assertEquals(250, first.get("sampleRateHz"));
            assertEquals(CYTON, first.get("channels"));
            assertEquals(Collections.nCopies(8, "alpha"), dominantBands(first), first.toString());
            assertEquals(Map.of("ok", true, "droppedFrames", 0, "railingChannels", List.of(), "flatChannels", List.of()),
                    first.get("quality"));

            ConsumerRecord<String, String> frame19 = frames.getRecords().stream()
                    .filter(r -> r.value().contains("\"seq\":19,")).findFirst().orElseThrow();
            assertEquals(header(frame19, "producedAt"), header(windows.get(0), "originProducedAt"),
                    "originProducedAt is the producedAt of the frame that completed the window");
            assertEquals("FORWARD", header(windows.get(0), "intent"));
            assertNotNull(header(windows.get(0), "producedAt"));
            assertTrue(Long.parseLong(header(windows.get(0), "producedAt"))
                    >= Long.parseLong(header(windows.get(0), "originProducedAt")));
            assertEquals(START + 200, ((Number) json(windows.get(1).value()).get("windowStart")).longValue());
        }
    }

    @Test
    void aTwentyHertzHeadsetShowsBetaAndTheReadApiServesIt() {
        String headset = uniqueHeadset("beta");
        for (long seq = 0; seq < 20; seq++) {
            post(headset, frame(headset, seq, 20)).then().statusCode(202);
        }
        try (ConsumerTask<String, String> features = features(companion, headset)) {
            Map<String, Object> window = json(features.awaitRecords(1, DEADLINE).getFirstRecord().value());
            assertEquals(Collections.nCopies(8, "beta"), dominantBands(window), window.toString());
        }
        // the read model is updated as the features are published: wait for it with the same deadline
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> given().get("/eeg/{h}/latest", headset).statusCode() == 200);
        given().get("/eeg/{h}/latest", headset).then().statusCode(200)
                .body("headsetId", equalTo(headset))
                .body("windowEnd", equalTo(START + 2000))
                .body("quality.ok", equalTo(true))
                .body("bands.O1.beta", greaterThan(100f));
        given().get("/eeg/headsets").then().statusCode(200)
                .body("headsetId", hasItem(headset))
                .body("find { it.headsetId == '" + headset + "' }.sampleRateHz", equalTo(250))
                .body("find { it.headsetId == '" + headset + "' }.channels", equalTo(CYTON))
                .body("find { it.headsetId == '" + headset + "' }.framesReceived", equalTo(20))
                // the gateway stamps producedAt as it produces, so frames it accepted are fresh when consumed
                .body("find { it.headsetId == '" + headset + "' }.framesSkippedStale", equalTo(0))
                .body("find { it.headsetId == '" + headset + "' }.windowsSkipped", equalTo(0))
                .body("find { it.headsetId == '" + headset + "' }.framesPerSecond", greaterThan(0f))
                .body("find { it.headsetId == '" + headset + "' }.lastSeenAt", notNullValue());
    }

    @Test
    void latencyAndCountersArePublishedAsPrometheusMetrics() {
        String headset = uniqueHeadset("metrics");
        post(headset, batch(headset, 0, 19, 10), "HOVER").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(DEADLINE)
                .until(() -> given().get("/eeg/{h}/latest", headset).statusCode() == 200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("streamfleet_eeg_frame_to_features_latency_seconds_bucket{le="),
                "latency timer with a percentile histogram");
        assertTrue(metrics.matches("(?s).*streamfleet_eeg_frame_to_features_latency_seconds_count(\\{[^}]*\\})? [1-9].*"),
                "latency recorded");
        for (String counter : List.of("streamfleet_eeg_frames_total{outcome=\"processed\"}",
                "streamfleet_eeg_windows_total", "streamfleet_eeg_dropped_frames_total",
                "streamfleet_eeg_quality_flags_total{flag=\"railing\"}",
                "streamfleet_eeg_gateway_frames_total{outcome=\"accepted\"}")) {
            assertTrue(metrics.contains(counter), counter);
        }
    }

    @Test
    void unknownHeadsetHasNoLatestFeatures() {
        given().get("/eeg/{h}/latest", uniqueHeadset("nobody")).then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("status", equalTo(404))
                .body("field", equalTo("headsetId"));
    }

    @ParameterizedTest(name = "{0}: {1} -> 400 naming {2}")
    @CsvSource(delimiter = '|', value = {
            "channel count    | \"samples\":[[1,2,3,4,5,6,7,8],[1,2,3,4,5,6,7,8],[1,2,3,4,5,6,7,8],[1,2,3]] | samples[3]",
            "empty samples    | \"samples\":[]                                         | samples",
            "NaN              | \"samples\":[[1,2,3,NaN,5,6,7,8]]                      | samples[0][3]",
            "Infinity         | \"samples\":[[1,2,3,4,5,6,7,-Infinity]]                | samples[0][7]",
            "sample rate      | \"sampleRateHz\":500                                   | sampleRateHz",
            "negative seq     | \"seq\":-1                                             | seq",
            "duplicate chan   | \"channels\":[\"Fp1\",\"Fp2\",\"C3\",\"C4\",\"P7\",\"P8\",\"O1\",\"O1\"] | channels[7]",
            "empty chan       | \"channels\":[\"Fp1\",\"Fp2\",\"C3\",\"\",\"P7\",\"P8\",\"O1\",\"O2\"]   | channels[3]",
            "other headset    | \"headsetId\":\"someone-else\"                         | headsetId",
    })
    void invalidFramesAreRejectedWithTheField(String label, String override, String field) {
        String headset = uniqueHeadset("invalid");
        String name = override.substring(1, override.indexOf('"', 1));
        String valid = frame(headset, 0, 10);
        String body = valid.replaceFirst("\"" + name + "\":(\\[\\[.*\\]\\]|\\[[^\\]]*\\]|[^,}]*)",
                java.util.regex.Matcher.quoteReplacement(override));
        assertTrue(!body.equals(valid), "override applied");
        post(headset, body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("status", equalTo(400))
                .body("error", equalTo("Bad Request"))
                .body("field", equalTo(field))
                .body("message", notNullValue());
    }

    @Test
    void missingSeqIsRejected() {
        String headset = uniqueHeadset("noseq");
        post(headset, frame(headset, 3, 10).replace("\"seq\":3,", "")).then().statusCode(400)
                .body("field", equalTo("seq")).body("message", equalTo("is required"));
    }

    @Test
    void errorsInsideABatchNameTheFrame() {
        String headset = uniqueHeadset("batch");
        String body = batch(headset, 0, 4, 10).replace("\"seq\":3,", "\"seq\":-3,");
        post(headset, body).then().statusCode(400).body("field", equalTo("[3].seq"));
    }

    @Test
    void malformedJsonIsRejected() {
        String headset = uniqueHeadset("broken");
        post(headset, "{\"headsetId\":\"" + headset + "\",").then().statusCode(400)
                .contentType(ContentType.JSON).body("field", equalTo("body"));
    }

    @Test
    void oversizeBatchIsRejected() {
        String headset = uniqueHeadset("big");
        post(headset, batch(headset, 0, MAX_FRAMES_PER_REQUEST, 10)).then().statusCode(400)
                .body("field", equalTo("body"))
                .body("message", equalTo("has " + (MAX_FRAMES_PER_REQUEST + 1) + " frames; at most "
                        + MAX_FRAMES_PER_REQUEST + " are accepted per request"));
    }

    @Test
    void oversizeBodyIsRejected() {
        String headset = uniqueHeadset("huge");
        String padded = frame(headset, 0, 10).replace("{\"headsetId\"",
                "{\"note\":\"" + "x".repeat(MAX_BODY_BYTES) + "\",\"headsetId\"");
        post(headset, padded).then().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void nonCommandIntentIsRejected() {
        String headset = uniqueHeadset("intent");
        post(headset, frame(headset, 0, 10), "go forward!").then().statusCode(400).body("field", equalTo("intent"));
    }

    @Test
    void openApiDescribesTheEegApi() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths.'/eeg/{headsetId}/frames'.post.requestBody.content.'application/json'.schema",
                        notNullValue())
                .body("paths.'/eeg/{headsetId}/latest'.get", notNullValue())
                .body("paths.'/eeg/headsets'.get", notNullValue());
    }

    @Test
    void postingFramesNeedsTheIngestOrOperatorRole() {
        String headset = uniqueHeadset("auth");
        String body = frame(headset, 0, 10);
        given().contentType(ContentType.JSON).body(body).post("/eeg/{h}/frames", headset).then().statusCode(401);
        given().auth().preemptive().basic("viewer", "viewer").contentType(ContentType.JSON).body(body)
                .post("/eeg/{h}/frames", headset).then().statusCode(403);
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON).body(body)
                .post("/eeg/{h}/frames", headset).then().statusCode(202);
    }

    @Test
    void anOverlongHeadsetIdIsAnswered400NamingIt() {
        String longId = "h".repeat(129);
        post(longId, frame(longId, 0, 10)).then().statusCode(400).body("field", equalTo("headsetId"));
    }
}
