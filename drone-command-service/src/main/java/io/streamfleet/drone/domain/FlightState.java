package io.streamfleet.drone.domain;

/**
 * What the policy believes the drone is doing, from the commands it has let through. EMERGENCY_STOPPED (motors cut)
 * is left only by an operator's land, which re-arms the drone: predictions can never take off from there.
 */
public enum FlightState {
    LANDED, FLYING, EMERGENCY_STOPPED
}
