package io.streamfleet.drone.rest;

import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.FlightState;

/**
 * One drone as {@code GET /drones} shows it: what the policy believes (state), whether the drone's state stream is
 * alive ({@code link} UP/DOWN: DOWN means no takeoff and no move), what it last pushed (battery, height, temperature;
 * null until its first state datagram) and what the link last sent and heard back.
 */
public record DroneView(String droneId, String address, int commandPort, String headsetId, boolean linked,
        FlightState state, String link, Integer batteryPercent, Integer heightCm, Double temperatureC, Long stateAt,
        DroneTelemetry.SentCommand lastCommand, DroneTelemetry.Ack lastAck) {
}
