package io.streamfleet.prediction.domain;

/** The mental commands a prediction can name (DESIGN.md, "Payloads"); HOVER is the safe default. */
public enum Command {
    HOVER, TAKEOFF, LAND, UP, DOWN, LEFT, RIGHT, FORWARD, BACK, ROTATE_CW, ROTATE_CCW
}
