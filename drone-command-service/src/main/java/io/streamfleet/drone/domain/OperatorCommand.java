package io.streamfleet.drone.domain;

/** What an operator can order over REST. */
public enum OperatorCommand {
    TAKEOFF, LAND, EMERGENCY
}
