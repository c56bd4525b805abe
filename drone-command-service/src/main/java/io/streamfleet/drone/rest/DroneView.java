package io.streamfleet.drone.rest;

import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.FlightState;

/**
 * One drone as {@code GET /drones} shows it: what the policy believes (state), what the drone last pushed (battery,
 * height, temperature; null until its first state datagram) and what the link last sent and heard back.
 */
public record DroneView(String droneId, String address, int commandPort, String headsetId, boolean linked,
        FlightState state, Integer batteryPercent, Integer heightCm, Double temperatureC, Long stateAt,
        DroneTelemetry.SentCommand lastCommand, DroneTelemetry.Ack lastAck) {
}
