package io.streamfleet.simulator.domain.eeg;

/** The commands a headset wearer can intend, as DESIGN.md names them for predictions. */
public enum MentalCommand {
    HOVER, TAKEOFF, LAND, UP, DOWN, LEFT, RIGHT, FORWARD, BACK, ROTATE_CW, ROTATE_CCW
}
