package io.streamfleet.drone.domain;

/** The commands a prediction can carry (DESIGN.md, "Prediction"). */
public enum MentalCommand {
    HOVER, TAKEOFF, LAND, UP, DOWN, LEFT, RIGHT, FORWARD, BACK, ROTATE_CW, ROTATE_CCW;

    /** A move or rotation: only allowed while flying. */
    public boolean isMotion() {
        return this != HOVER && this != TAKEOFF && this != LAND;
    }
}
