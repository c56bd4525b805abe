package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FleetTest {

    static final SafetyPolicy.Settings SETTINGS = new SafetyPolicy.Settings(0.8, 3, Duration.ofSeconds(1), 30, 90,
            Duration.ofSeconds(1), Duration.ofSeconds(10), "command", SafetyPolicyTest.FRESHNESS, SafetyPolicyTest.LIMITS);

    @Test
    void pairsHeadsetsWithDronesAndKeepsUnpairedDrones() {
        Fleet fleet = new Fleet(List.of(new Fleet.DroneSpec("tello-1", "h1"), new Fleet.DroneSpec("tello-2", null)),
                SETTINGS, Clock.systemUTC());
        assertEquals("tello-1", fleet.pairedWith("h1").orElseThrow().droneId());
        assertTrue(fleet.pairedWith("h2").isEmpty());
        assertEquals(List.of("tello-1", "tello-2"), fleet.drones().stream().map(Fleet.Drone::droneId).toList());
        assertTrue(fleet.drone("tello-3").isEmpty());
    }

    @Test
    void eachDroneHasItsOwnPolicy() {
        Fleet fleet = new Fleet(List.of(new Fleet.DroneSpec("tello-1", "h1"), new Fleet.DroneSpec("tello-2", "h2")),
                SETTINGS, Clock.systemUTC());
        Fleet.Drone one = fleet.drone("tello-1").orElseThrow();
        one.telemetry().stateReceived(TelloState.parse("h:0;bat:90;"), System.currentTimeMillis());
        assertEquals(Action.SEND, one.policy().onOperator(OperatorCommand.TAKEOFF).action());
        assertEquals(FlightState.FLYING, fleet.drone("tello-1").orElseThrow().policy().state());
        assertEquals(FlightState.LANDED, fleet.drone("tello-2").orElseThrow().policy().state());
    }

    @Test
    void oneHeadsetCannotFlyTwoDrones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Fleet(
                List.of(new Fleet.DroneSpec("tello-1", "h1"), new Fleet.DroneSpec("tello-2", "h1")), SETTINGS,
                Clock.systemUTC()));
        assertTrue(e.getMessage().contains("h1"), e.getMessage());
    }
}
