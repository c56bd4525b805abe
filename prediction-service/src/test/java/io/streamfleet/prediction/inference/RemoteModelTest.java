package io.streamfleet.prediction.inference;

import static io.restassured.RestAssured.given;
import static io.streamfleet.prediction.Pipeline.DEADLINE;
import static io.streamfleet.prediction.Pipeline.awaitLatest;
import static io.streamfleet.prediction.Pipeline.awaitPredictions;
import static io.streamfleet.prediction.Pipeline.json;
import static io.streamfleet.prediction.Pipeline.send;
import static io.streamfleet.prediction.Pipeline.uniqueHeadset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.prediction.RemoteModelInfrastructure;
import io.streamfleet.prediction.TestModels;
import io.streamfleet.prediction.domain.Command;
import io.streamfleet.prediction.domain.EegFeatures;
import io.streamfleet.prediction.domain.SyntheticBandPowers;
import io.streamfleet.testsupport.FakeModelServer;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/**
 * The remote backend against a fake KServe v2 server: its answer is used while it works; an error, a refused
 * connection or a slow answer falls back to the built-in model and is counted; once the server is back the circuit
 * closes and the remote model answers again.
 */
@QuarkusTest
@TestProfile(RemoteModelInfrastructure.class)
class RemoteModelTest {

    private static final SyntheticBandPowers WINDOWS = new SyntheticBandPowers(SyntheticBandPowers.PATTERN_SEED, 0.25, 8);
    private static final AtomicLong WINDOW_END = new AtomicLong(1_713_763_600_000L);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    FakeModelServer server;

    @Inject
    MeterRegistry registry;

    @Inject
    CircuitBreakerMaintenance circuits;

    /**
     * Each test starts from a working server and a fresh circuit breaker: failures an earlier test left in the
     * breaker's rolling window would otherwise open it in the middle of the next test.
     */
    @BeforeEach
    void remoteServerAnswersLeft() {
        server.restartListening();
        server.heal();
        server.answerClass(Command.LEFT.ordinal(), 0.95f);
        circuits.reset(RemoteModelClassifier.CIRCUIT);
        awaitRemoteAnswers(uniqueHeadset("warm-up"));
    }

    @Test
    void remoteAnswerIsPublishedUnderTheRemoteModelsName() {
        String headset = uniqueHeadset("remote");
        // the built-in model would say FORWARD; the server says LEFT
        EegFeatures window = WINDOWS.cleanWindow(Command.FORWARD, headset, WINDOW_END.incrementAndGet());
        send(companion, window);

        Map<String, Object> prediction = json(awaitPredictions(companion, headset, 1).get(0).value());
        assertEquals("LEFT", prediction.get("command"), () -> prediction + " after " + server.requests());
        assertEquals("model", prediction.get("reason"));
        assertEquals(RemoteModelInfrastructure.REMOTE_MODEL, prediction.get("model"));
        assertEquals(RemoteModelInfrastructure.REMOTE_VERSION, prediction.get("modelVersion"));
        assertEquals(0.95, ((Number) prediction.get("confidence")).doubleValue(), 1e-6);

        FakeModelServer.RecordedRequest request = server.requests().stream()
                .filter(r -> r.body().contains(String.valueOf((float) TestModels.model().logBandPowers(window)[0])))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals("/v2/models/" + RemoteModelInfrastructure.REMOTE_MODEL + "/infer", request.path());
        assertTrue(request.body().contains("\"name\":\"band_powers\""), request.body());
        assertTrue(request.body().contains("\"shape\":[1,40]"), request.body());
        float[] expected = toFloats(TestModels.model().logBandPowers(window));
        assertArrayEquals(expected, FakeModelServer.firstInput(request.body()), 1e-6f);
    }

    @Test
    void serverErrorsFallBackToTheBuiltInModelUntilTheServerRecovers() {
        server.failWith(500);
        assertFallsBack(null);
        given().get("/models").then().statusCode(200)
                .body("backend", equalTo("remote"))
                .body("remote.modelName", equalTo(RemoteModelInfrastructure.REMOTE_MODEL))
                .body("remote.ready", equalTo(false));
        // enough failures open the circuit: windows then go straight to the built-in model
        await().atMost(DEADLINE).until(() -> {
            sendAndAwait(uniqueHeadset("opening"));
            return "OPEN".equals(given().get("/models").jsonPath().getString("remote.circuit"));
        });
        assertFallsBack("circuit-open");

        server.heal();
        awaitRemoteAnswers(uniqueHeadset("recovered"));
        given().get("/models").then().body("remote.circuit", equalTo("CLOSED")).body("remote.ready", equalTo(true));
    }

    @Test
    void unreachableServerFallsBackAndIsUsedAgainWhenBack() {
        server.stopListening();
        assertFallsBack(null);
        server.restartListening();
        awaitRemoteAnswers(uniqueHeadset("restarted"));
    }

    @Test
    void slowServerFallsBackAfterTheTimeout() {
        server.delay(Duration.ofMillis(3 * RemoteModelInfrastructure.TIMEOUT_MS));
        assertFallsBack("timeout");
    }

    /**
     * Sends a FORWARD window and expects the built-in model's FORWARD with reason fallback, counted under
     * {@code cause} (any cause if null: on a loaded machine an error can also arrive as a timeout).
     */
    private void assertFallsBack(String cause) {
        double before = fallbacks(cause);
        String headset = uniqueHeadset("fallback-" + cause);
        Map<String, Object> prediction = sendAndAwait(headset);
        assertEquals("FORWARD", prediction.get("command"));
        assertEquals("fallback", prediction.get("reason"));
        assertEquals(TestModels.NAME, prediction.get("model"));
        assertEquals(TestModels.VERSION, prediction.get("modelVersion"));
        assertTrue(fallbacks(cause) > before, "streamfleet_prediction_fallbacks{cause=" + cause + "} did not increase");
    }

    /** Sends FORWARD windows until one is answered by the remote model (LEFT): the circuit may need its delay. */
    private void awaitRemoteAnswers(String headset) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> RemoteModelInfrastructure.REMOTE_MODEL.equals(sendAndAwait(headset).get("model")));
    }

    private Map<String, Object> sendAndAwait(String headset) {
        long windowEnd = WINDOW_END.incrementAndGet();
        send(companion, WINDOWS.cleanWindow(Command.FORWARD, headset, windowEnd));
        return awaitLatest(headset, windowEnd);
    }

    private double fallbacks(String cause) {
        var search = registry.find("streamfleet_prediction_fallbacks");
        return (cause == null ? search : search.tag("cause", cause)).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
