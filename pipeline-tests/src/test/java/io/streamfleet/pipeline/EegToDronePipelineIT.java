package io.streamfleet.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
        drone = cluster.start("drone-command-service", Map.of(), Map.of(
                droneKey + ".address", "127.0.0.1",
                droneKey + ".command-port", Integer.toString(tello.commandPort()),
                droneKey + ".headset", HEADSET,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(statePort)));
        tello.pushStateEvery(statePort, Duration.ofSeconds(1));
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
    void aSilentHeadsetMakesTheFlyingDroneHover() {
        tello.clearReceived();
        tello.awaitCommands(FLIGHT_DEADLINE, "takeoff");
        asOperator(simulator).post("/streams/eeg/stop").then().statusCode(200);

        tello.awaitCommands(Duration.ofSeconds(15), "stop");
        List<String> received = tello.received();
        List<String> afterStop = received.subList(received.lastIndexOf("stop") + 1, received.size());
        assertTrue(afterStop.stream().noneMatch(EegToDronePipelineIT::isMove),
                "nothing moves the drone once its headset fell silent: " + received);
        assertEquals("FLYING", given().get(drone.url() + "/drones/" + DRONE).then().statusCode(200)
                .extract().path("state"), "hovering is still flying");
    }

    @Test
    @Order(3)
    void operatorEmergencyIsSentWhilePredictionsKeepArriving() {
        asOperator(simulator).post("/streams/eeg/start").then().statusCode(200);
        long before = latestPredictionAt();
        await().atMost(Duration.ofSeconds(30)).until(() -> latestPredictionAt() > before);

        tello.clearReceived();
        long emergencyAt = System.currentTimeMillis();
        asOperator(drone).post("/drones/" + DRONE + "/emergency").then().statusCode(202);

        tello.awaitCommands(Duration.ofSeconds(5), "emergency");
        await().atMost(Duration.ofSeconds(10)).until(() -> latestPredictionAt() > emergencyAt);
        List<String> received = tello.received();
        assertFalse(received.subList(received.indexOf("emergency") + 1, received.size()).stream()
                .anyMatch(EegToDronePipelineIT::isMove), "predictions after an emergency move nothing: " + received);
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
