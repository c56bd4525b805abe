package io.streamfleet.drone.domain;

import java.util.Set;

/** The Tello SDK 2.0 text commands this service sends, and the ranges the drone accepts. */
public final class TelloSdk {

    public static final String ENTER_SDK_MODE = "command";
    public static final String TAKEOFF = "takeoff";
    public static final String LAND = "land";
    public static final String EMERGENCY = "emergency";
    /** Hover in place, interrupting a move in progress. */
    public static final String STOP = "stop";

    public static final int MIN_MOVE_CM = 20;
    public static final int MAX_MOVE_CM = 500;
    public static final int MIN_ANGLE_DEG = 1;
    public static final int MAX_ANGLE_DEG = 360;

    /** Moves and rotations: not idempotent, so a late answer must not cause a second send. */
    private static final Set<String> MOTIONS = Set.of("forward", "back", "left", "right", "up", "down", "cw", "ccw",
            "flip", "go", "curve", "jump");

    private TelloSdk() {
    }

    /**
     * The SDK text for a predicted command, with distance and angle clamped to what the drone accepts; null for
     * HOVER, which sends nothing (see {@link SafetyPolicy}).
     */
    public static String forPrediction(MentalCommand command, int moveCm, int angleDeg) {
        int cm = clampMove(moveCm);
        int deg = clampAngle(angleDeg);
        return switch (command) {
            case HOVER -> null;
            case TAKEOFF -> TAKEOFF;
            case LAND -> LAND;
            case UP -> "up " + cm;
            case DOWN -> "down " + cm;
            case LEFT -> "left " + cm;
            case RIGHT -> "right " + cm;
            case FORWARD -> "forward " + cm;
            case BACK -> "back " + cm;
            case ROTATE_CW -> "cw " + deg;
            case ROTATE_CCW -> "ccw " + deg;
        };
    }

    public static int clampMove(int cm) {
        return Math.max(MIN_MOVE_CM, Math.min(MAX_MOVE_CM, cm));
    }

    public static int clampAngle(int deg) {
        return Math.max(MIN_ANGLE_DEG, Math.min(MAX_ANGLE_DEG, deg));
    }

    /** Never resent: {@code emergency} is fired a fixed number of times instead, {@code rc} is a stream. */
    public static boolean isFireAndForget(String sdk) {
        return EMERGENCY.equals(sdk) || sdk.startsWith("rc ");
    }

    /** A move or rotation (any SDK motion verb): only sent while flying, never resent. */
    public static boolean isMotion(String sdk) {
        return MOTIONS.contains(sdk.split(" ", 2)[0]);
    }

    /** Leaves for the drone at once, whatever is in flight or in the handshake: stop, land and emergency. */
    public static boolean isPreempting(String sdk) {
        return EMERGENCY.equals(sdk) || LAND.equals(sdk) || STOP.equals(sdk);
    }

    /**
     * May be resent when no answer came. The Tello answers a move only once it has finished, so a silent move may
     * just be slow: resending it could move the drone twice. Mode changes, takeoff, land, stop and reads are safe
     * to repeat.
     */
    public static boolean isRetryable(String sdk) {
        return !isFireAndForget(sdk) && !isMotion(sdk);
    }
}
