package io.streamfleet.drone;

import static io.restassured.RestAssured.given;
import static io.streamfleet.drone.DroneApi.DEADLINE;
import static io.streamfleet.drone.DroneApi.after;
import static io.streamfleet.drone.DroneApi.commands;
import static io.streamfleet.drone.DroneApi.drone;
import static io.streamfleet.drone.DroneApi.landed;
import static io.streamfleet.drone.DroneApi.order;
import static io.streamfleet.drone.DroneApi.predict;
import static io.streamfleet.drone.FakeTelloResource.DRONE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.streamfleet.testsupport.FakeTello;
import io.streamfleet.testsupport.InjectKafkaCompanion;

/** Predictions on a real broker fly the fake Tello through the whole service: policy, topic, link, UDP. */
@QuarkusTest
@TestProfile(DroneInfrastructure.class)
class DroneFlightTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectFakeTello
    FakeTello tello;

    /** Keeps "thinking" the command, as a user would, until the drone has received it. */
    private void thinkUntilSent(String command, String sdk) {
        int mark = tello.received().size();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(150)).until(() -> {
            predict(companion, command, 0.95);
            return after(tello, mark).contains(sdk);
        });
    }

    @Test
    void confidentAgreeingPredictionsFlyTheDroneInOrder() {
        landed(tello);
        int mark = tello.received().size();

        thinkUntilSent("TAKEOFF", "takeoff");
        assertEquals("FLYING", drone(DRONE).get("state"));
        thinkUntilSent("FORWARD", "forward 30");
        thinkUntilSent("ROTATE_CW", "cw 90");
        thinkUntilSent("LAND", "land");

        List<String> flown = after(tello, mark).stream().filter(text -> !text.equals("command")).toList();
        assertEquals(List.of("takeoff", "forward 30", "cw 90", "land"), flown);
        assertEquals("command", tello.received().get(0), "SDK mode is entered before anything else");

        Map<String, Object> landedDrone = await().atMost(DEADLINE).until(() -> drone(DRONE),
                d -> d.get("lastAck") != null && "land".equals(((Map<?, ?>) d.get("lastAck")).get("sdk")));
        assertEquals("LANDED", landedDrone.get("state"));
        assertEquals("ok", ((Map<?, ?>) landedDrone.get("lastAck")).get("outcome"));
        assertEquals("land", ((Map<?, ?>) landedDrone.get("lastCommand")).get("sdk"));
        assertEquals("h1", landedDrone.get("headsetId"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(count(metrics, "streamfleet_pipeline_end_to_end_latency_seconds_count") >= 3, metrics);
        assertTrue(count(metrics, "streamfleet_drone_command_sent_latency_seconds_count") >= 3);
        assertTrue(count(metrics, "streamfleet_drone_decision_latency_seconds_count") >= 8);
        assertTrue(metrics.contains("streamfleet_drone_decision_latency_seconds{quantile=\"0.99\"}"), metrics);
        assertTrue(metrics.contains("streamfleet_pipeline_end_to_end_latency_seconds_bucket"));
    }

    private static double count(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    @Test
    void aSilentHeadsetWhileFlyingMakesTheDroneHoverOnce() {
        landed(tello);
        int mark = tello.received().size();
        long start = System.currentTimeMillis();
        order(DRONE, "takeoff").then().statusCode(202).body("action", equalTo("SEND"))
                .body("sdk", equalTo("takeoff")).body("reason", equalTo("operator"));

        tello.awaitCommands("takeoff", "stop");
        var watchdog = commands(companion, 1, c -> "watchdog".equals(c.get("reason"))
                && ((Number) c.get("issuedAt")).longValue() >= start).get(0);
        assertEquals(DRONE, watchdog.key());
        Map<String, Object> stop = DroneApi.json(watchdog.value());
        assertEquals("stop", stop.get("sdk"));
        assertEquals("SEND", stop.get("action"));
        assertNull(stop.get("headsetId"));
        landed(tello);
        assertEquals(1, after(tello, mark).stream().filter("stop"::equals).count(), "one stop per silence");
    }

    @Test
    void operatorEmergencyReachesTheDroneWhilePredictionsKeepArriving() throws InterruptedException {
        landed(tello);
        order(DRONE, "takeoff").then().statusCode(202);
        tello.awaitCommands("takeoff");
        int mark = tello.received().size();
        ScheduledExecutorService headset = Executors.newSingleThreadScheduledExecutor();
        try {
            headset.scheduleAtFixedRate(() -> predict(companion, "FORWARD", 0.97), 0, 100, TimeUnit.MILLISECONDS);
            await().atMost(DEADLINE).until(() -> after(tello, mark).contains("forward 30"));

            Map<String, Object> emergency = order(DRONE, "emergency").then().statusCode(202)
                    .body("action", equalTo("SEND")).body("sdk", equalTo("emergency"))
                    .body("reason", equalTo("operator")).extract().jsonPath().getMap("$");
            await().atMost(Duration.ofSeconds(2)).until(() -> after(tello, mark).contains("emergency"));
            long emergencyAt = ((Number) emergency.get("issuedAt")).longValue();

            // predictions keep arriving and are refused, and the emergency itself is on the audit topic
            commands(companion, 1, c -> "REFUSE".equals(c.get("action"))
                    && String.valueOf(c.get("reason")).startsWith("emergency-stopped")
                    && ((Number) c.get("issuedAt")).longValue() > emergencyAt);
            commands(companion, 1, c -> emergency.get("commandId").equals(c.get("commandId")));
        } finally {
            headset.shutdownNow();
            headset.awaitTermination(5, TimeUnit.SECONDS);
        }
        List<String> sinceFlying = after(tello, mark);
        List<String> afterEmergency = sinceFlying.subList(sinceFlying.indexOf("emergency") + 1, sinceFlying.size());
        assertTrue(afterEmergency.stream().noneMatch(t -> t.startsWith("forward")), sinceFlying.toString());
        assertEquals("EMERGENCY_STOPPED", drone(DRONE).get("state"));

        // Re-arm, then a prediction-driven takeoff: it reaches the drone through the topic after the emergency's
        // record (same key, same partition), so the link has read that record by now and must have skipped it.
        landed(tello);
        int rearmed = tello.received().size();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(150)).until(() -> {
            predict(companion, "TAKEOFF", 0.95);
            return after(tello, rearmed).contains("takeoff");
        });
        assertEquals(3, after(tello, mark).stream().filter("emergency"::equals).count(),
                "the one emergency was fired three times (against a lost datagram) and never again from its record");
        landed(tello);
    }
}
