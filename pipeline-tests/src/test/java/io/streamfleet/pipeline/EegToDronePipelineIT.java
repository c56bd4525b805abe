package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.streamfleet.testsupport.FakeTello;

/**
 * The brain-computer-interface pipeline end to end, each stage its own packaged service on one real broker: a
 * simulated headset with a scripted sequence of intended commands -> eeg-ingest (windows, band powers) -> prediction
 * (the shipped model) -> drone-command (safety policy, Tello link) -> a fake Tello on loopback UDP. Nothing here reads
 * the intent header: the drone flies on what the model makes of the signal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EegToDronePipelineIT {

    private static final String HEADSET = "h1";
    private static final String DRONE = "tello-1";
    // Long enough per command for a 2 s window to be all one intent and for three agreeing predictions after it.
    private static final String SCRIPT = "HOVER:3s,TAKEOFF:6s,FORWARD:6s,ROTATE_CW:6s,LAND:6s";
    private static final Duration FLIGHT_DEADLINE = Duration.ofSeconds(150);
    /** The drone lands after this much silence while flying (shortened from the 30 s default to keep the test short). */
    private static final Duration SILENCE_LAND_AFTER = Duration.ofSeconds(8);
    private static final Duration WATCHDOG = Duration.ofMillis(1500);

    private static LocalCluster cluster;
    private static FakeTello tello;
    private static ServiceProcess simulator;
    private static ServiceProcess prediction;
    private static ServiceProcess drone;

    @BeforeAll
    static void startPipeline() {
        cluster = new LocalCluster();
        tello = FakeTello.start();
        int statePort = ServiceProcess.freePort();
        String droneKey = "streamfleet.drone.drones.\"" + DRONE + "\"";
        drone = cluster.start("drone-command-service", Map.of(
                "DRONE_SILENCE_LAND_AFTER", SILENCE_LAND_AFTER.toMillis() + "ms",
                "DRONE_LINK_SENT_LOG", Path.of("target", "eeg-flight-" + UUID.randomUUID(), "sent.log")
                        .toAbsolutePath().toString()), Map.of(
                droneKey + ".address", "127.0.0.1",
                droneKey + ".command-port", Integer.toString(tello.commandPort()),
                droneKey + ".headset", HEADSET,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(statePort)));
        tello.pushStateEvery(statePort, Duration.ofMillis(100));
        prediction = cluster.start("prediction-service", Map.of());
        cluster.start("eeg-ingest-service", Map.of());
        simulator = cluster.start("simulator-service", Map.of(
                "SIMULATOR_EEG_HEADSETS", "1",
                "SIMULATOR_EEG_SEED", LocalCluster.FLIGHT_HEADSET_SEED,
                "SIMULATOR_EEG_SCRIPT", SCRIPT));
    }

    @AfterAll
    static void stopPipeline() {
        if (cluster != null) {
            printDecisionAudit();
        }
        if (tello != null) {
            tello.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void scriptedIntentsReachTheDroneAsSdkCommandsInOrder() {
        asOperator(simulator).post("/streams/eeg/start").then().statusCode(200);

        List<String> received = tello.awaitCommands(FLIGHT_DEADLINE, "command", "takeoff", "forward 30", "cw 90", "land");
        System.out.println("fake Tello received: " + received);
        assertEquals("command", received.get(0), "the link enters SDK mode before anything else");
        int takeoff = received.indexOf("takeoff");
        assertTrue(received.subList(0, takeoff).stream().noneMatch(EegToDronePipelineIT::isMove),
                "no move is sent before the drone took off: " + received);
    }

    @Test
    @Order(2)
    void aSilentHeadsetMakesTheFlyingDroneHoverThenLand() {
        tello.clearReceived();
        tello.awaitCommands(FLIGHT_DEADLINE, "takeoff");
        await().atMost(Duration.ofSeconds(10)).until(() -> "FLYING".equals(droneState()));
        asOperator(simulator).post("/streams/eeg/stop").then().statusCode(200);

        tello.awaitCommands(SILENCE_LAND_AFTER.plusSeconds(15), "stop", "land");
        List<FakeTello.Received> received = tello.receivedWithTimes();
        FakeTello.Received stop = received.stream().filter(r -> r.text().equals("stop")).reduce((a, b) -> b)
                .orElseThrow();
        List<String> afterStop = received.subList(received.indexOf(stop) + 1, received.size()).stream()
                .map(FakeTello.Received::text).filter(t -> !t.equals("command")).toList();
        assertEquals(List.of("land"), afterStop, "after the hover nothing but the landing: " + tello.received());
        long hovered = Duration.between(stop.at(), received.stream().filter(r -> r.text().equals("land"))
                .reduce((a, b) -> b).orElseThrow().at()).toMillis();
        assertTrue(hovered >= SILENCE_LAND_AFTER.toMillis() - WATCHDOG.toMillis() - 300,
                "hovered " + hovered + " ms before landing");
        assertTrue(decisions().stream().anyMatch(d -> "land".equals(d.getString("sdk"))
                && String.valueOf(d.getString("reason")).startsWith("silence")), "the landing is audited as silence");
        await().atMost(Duration.ofSeconds(10)).until(() -> "LANDED".equals(droneState()));
    }

    @Test
    @Order(3)
    void aStalledPredictionStageNeverFliesTheDroneOnOldEeg() throws InterruptedException {
        asOperator(simulator).post("/streams/eeg/start").then().statusCode(200);
        long started = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> latestPredictionAt() > started);

        long frozenAt = System.currentTimeMillis();
        prediction.freeze(); // the headset keeps sending: eeg-ingest keeps publishing windows nobody predicts
        try {
            Thread.sleep(30_000); // holds the fault, as a stalled stage does
        } finally {
            prediction.thaw();
        }
        long thawedAt = System.currentTimeMillis();
        // the stage is back: predictions on fresh EEG and decisions on them, for a few seconds
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions().stream().anyMatch(d -> d.getLong("issuedAt")
                > thawedAt + 5000 && d.get("originProducedAt") != null));

        List<JsonPath> since = DecisionAudit.assertEveryMoveOnFreshEeg(cluster.bootstrap(), frozenAt);
        double skipped = given().get(prediction.url() + "/models").then().statusCode(200).extract().jsonPath()
                .getDouble("skippedWindows.stale");
        System.out.printf("stalled prediction-service 30 s: %d decisions since, %.0f stale windows skipped%n",
                since.size(), skipped);
        assertTrue(skipped > 0, "the backlog was jumped, not predicted");
    }

    @Test
    @Order(4)
    void operatorEmergencyIsSentWhilePredictionsKeepArriving() {
        asOperator(simulator).post("/streams/eeg/start").then().statusCode(200);
        tello.clearReceived();
        tello.awaitCommands(FLIGHT_DEADLINE, "takeoff");
        await().atMost(Duration.ofSeconds(10)).until(() -> "FLYING".equals(droneState()));

        int mark = tello.received().size();
        long emergencyAt = asOperator(drone).post("/drones/" + DRONE + "/emergency").then().statusCode(202)
                .extract().jsonPath().getLong("issuedAt");
        tello.awaitCommands(Duration.ofSeconds(5), "emergency");
        // A move needs three agreeing windows (one every 200 ms) and the 1 s interval: wait for that and two
        // intervals more of fresh predictions before concluding that none came through.
        long until = emergencyAt + 3 * 200 + 2 * 1000;
        await().atMost(Duration.ofSeconds(20)).until(() -> latestPredictionAt() > until);
        List<String> since = tello.received().subList(mark, tello.received().size());
        assertTrue(since.stream().allMatch("emergency"::equals), "nothing but the emergency after it: " + since);
        assertEquals("EMERGENCY_STOPPED", droneState());
    }

    private static List<JsonPath> decisions() {
        return DecisionAudit.decisions(cluster.bootstrap());
    }

    private static String droneState() {
        return given().get(drone.url() + "/drones/" + DRONE).then().statusCode(200).extract().path("state");
    }

    /** What the safety policy decided and why, from its audit topic: the first place to look when a flight fails. */
    private static void printDecisionAudit() {
        Map<String, Long> decisions = new TreeMap<>();
        for (ConsumerRecord<String, String> record : cluster.companion().consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(Set.of("drone-commands"), Duration.ofSeconds(3))
                .awaitCompletion().getRecords()) {
            JsonPath decision = new JsonPath(record.value());
            String reason = String.valueOf(decision.getString("reason")).replaceAll("[0-9.]+", "#");
            decisions.merge(decision.getString("action") + " " + decision.getString("prediction") + " / " + reason, 1L,
                    Long::sum);
        }
        System.out.println("drone decisions (action prediction / reason: count):");
        decisions.forEach((decision, count) -> System.out.printf("  %s: %d%n", decision, count));
    }

    private static long latestPredictionAt() {
        var response = given().get(prediction.url() + "/predictions/" + HEADSET + "/latest");
        return response.statusCode() == 200 ? response.jsonPath().getLong("predictedAt") : 0L;
    }

    private static boolean isMove(String sdk) {
        return sdk.matches("(forward|back|left|right|up|down|cw|ccw) \\d+");
    }

    private static RequestSpecification asOperator(ServiceProcess service) {
        return given().baseUri(service.url()).auth().preemptive().basic("operator", "operator");
    }
}
