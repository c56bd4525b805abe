package io.streamfleet.drone;

import static io.restassured.RestAssured.given;
import static io.streamfleet.drone.DroneApi.DEADLINE;
import static io.streamfleet.drone.DroneApi.after;
import static io.streamfleet.drone.DroneApi.asOperator;
import static io.streamfleet.drone.DroneApi.drone;
import static io.streamfleet.drone.DroneApi.landed;
import static io.streamfleet.drone.DroneApi.order;
import static io.streamfleet.drone.FakeTelloResource.DRONE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamfleet.testsupport.FakeTello;

/** The operator API: authentication, unknown drones, state pushes in the view and metrics, acks and retries. */
@QuarkusTest
@TestProfile(DroneInfrastructure.class)
class DroneResourceTest {

    @InjectFakeTello
    FakeTello tello;

    @ParameterizedTest
    @ValueSource(strings = { "takeoff", "land", "emergency" })
    void mutatingEndpointsNeedTheOperatorRole(String order) {
        int mark = tello.received().size();
        given().post("/drones/{id}/{order}", DRONE, order).then().statusCode(401);
        given().auth().preemptive().basic("viewer", "viewer").post("/drones/{id}/{order}", DRONE, order)
                .then().statusCode(403);
        given().auth().preemptive().basic("operator", "wrong").post("/drones/{id}/{order}", DRONE, order)
                .then().statusCode(401);
        assertTrue(after(tello, mark).stream().noneMatch(order::equals), "nothing reached the drone");
    }

    @Test
    void anUnknownDroneIsAJson404() {
        order("tello-9", "land").then().statusCode(404).contentType(containsString("json"))
                .body("status", equalTo(404)).body("message", containsString("tello-9"));
        given().get("/drones/tello-9").then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void readsAreOpenAndShowThePairing() {
        given().get("/drones").then().statusCode(200).body("droneId", hasItem(DRONE))
                .body("find { it.droneId == 'tello-1' }.headsetId", equalTo("h1"))
                .body("find { it.droneId == 'tello-1' }.address", equalTo("127.0.0.1"));
    }

    @Test
    void takeoffWhileFlyingIsRefusedWithTheRecordedRefusal() {
        landed(tello);
        order(DRONE, "takeoff").then().statusCode(202);
        order(DRONE, "takeoff").then().statusCode(409).body("action", equalTo("REFUSE"))
                .body("reason", containsString("wrong-state"));
        landed(tello);
    }

    @Test
    void statePushesShowInTheDroneViewAndMetrics() {
        landed(tello);
        tello.battery(42);
        try {
            Map<String, Object> view = await().atMost(DEADLINE).until(() -> drone(DRONE),
                    d -> Integer.valueOf(42).equals(d.get("batteryPercent")));
            assertEquals(0, view.get("heightCm"));
            assertEquals(61.5f, ((Number) view.get("temperatureC")).floatValue());
            assertEquals("UP", view.get("link"));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("streamfleet_drone_battery_percent{drone=\"tello-1\"} 42.0"), metrics);
            assertTrue(metrics.contains("streamfleet_drone_height_cm{drone=\"tello-1\"} 0.0"));
            assertTrue(metrics.contains("streamfleet_drone_temperature_celsius{drone=\"tello-1\"} 61.5"));
        } finally {
            tello.battery(87);
        }
    }

    @Test
    void aTimedOutCommandIsRetriedAndItsAckRecorded() {
        landed(tello);
        int mark = tello.received().size();
        tello.stayMuteFor("land", 1);
        String commandId = asOperator().post("/drones/{id}/land", DRONE).then().statusCode(202)
                .extract().path("commandId");
        Map<?, ?> ack = await().atMost(DEADLINE).until(() -> (Map<?, ?>) drone(DRONE).get("lastAck"),
                a -> a != null && commandId.equals(a.get("commandId")));
        assertEquals("ok", ack.get("outcome"));
        assertEquals(2, ack.get("attempts"));
        assertEquals(2, after(tello, mark).stream().filter("land"::equals).count());
    }
}
