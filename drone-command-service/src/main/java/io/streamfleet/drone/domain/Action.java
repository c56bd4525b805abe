package io.streamfleet.drone.domain;

/** A decision's outcome: SEND goes to the drone, REFUSE is only recorded (docs/contracts.md, drone-commands). */
public enum Action {
    SEND, REFUSE
}
