package io.streamfleet.drone.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tello link's own check of every command before it goes on the air, whatever wrote it to {@code drone-commands}:
 * only what the safety policy can emit (an allowlist of SDK verbs, distances and angles no larger than the policy's,
 * which the SDK ranges bound), no move unless the policy believes the drone is flying, no takeoff out of an emergency
 * stop, and nothing decided longer ago than {@code maxCommandAge} or stamped further ahead than {@code clockSkew}.
 * Anything that can write the topic could otherwise fly the drone past the policy.
 */
public final class LinkGuard {

    /** Single-word commands the policy sends: mode change, takeoff, land, emergency, stop. */
    private static final Set<String> BARE = Set.of(TelloSdk.ENTER_SDK_MODE, TelloSdk.TAKEOFF, TelloSdk.LAND,
            TelloSdk.EMERGENCY, TelloSdk.STOP);
    private static final Set<String> MOVES = Set.of("up", "down", "left", "right", "forward", "back");
    private static final Set<String> ROTATIONS = Set.of("cw", "ccw");
    private static final Pattern WITH_ARGUMENT = Pattern.compile("([a-z]+) ([0-9]{1,4})");

    public record Settings(Duration maxCommandAge, Duration clockSkew, int maxMoveCm, int maxAngleDeg,
            String keepaliveCommand) {
    }

    private final Settings settings;

    public LinkGuard(Settings settings) {
        this.settings = settings;
    }

    /** Empty when {@code command} may be sent now, else why not. */
    public Optional<String> refusal(DroneCommand command, FlightState believed, long now) {
        String sdk = command.sdk();
        if (sdk == null) {
            return Optional.of("sdk: is required for a SEND");
        }
        Optional<String> unknown = notAllowed(sdk);
        if (unknown.isPresent()) {
            return unknown;
        }
        if (TelloSdk.isMotion(sdk) && believed != FlightState.FLYING) {
            return Optional.of("wrong-state: " + sdk + " while " + believed);
        }
        if (TelloSdk.TAKEOFF.equals(sdk) && believed == FlightState.EMERGENCY_STOPPED) {
            return Optional.of("wrong-state: takeoff while " + believed + " (an operator land re-arms it)");
        }
        long age = now - command.issuedAt();
        if (age > settings.maxCommandAge().toMillis()) {
            return Optional.of("stale: decided " + age + " ms ago, limit " + settings.maxCommandAge().toMillis()
                    + " ms");
        }
        if (-age > settings.clockSkew().toMillis()) {
            return Optional.of("future: issuedAt " + -age + " ms ahead, allowed clock skew "
                    + settings.clockSkew().toMillis() + " ms");
        }
        return Optional.empty();
    }

    private Optional<String> notAllowed(String sdk) {
        if (BARE.contains(sdk) || sdk.equals(settings.keepaliveCommand())) {
            return Optional.empty();
        }
        Matcher m = WITH_ARGUMENT.matcher(sdk);
        if (!m.matches()) {
            return Optional.of("not-allowed: '" + abbreviate(sdk) + "' is not a command the safety policy sends");
        }
        String verb = m.group(1);
        int argument = Integer.parseInt(m.group(2));
        if (MOVES.contains(verb)) {
            int max = Math.min(TelloSdk.MAX_MOVE_CM, settings.maxMoveCm());
            return argument >= TelloSdk.MIN_MOVE_CM && argument <= max ? Optional.empty()
                    : Optional.of("out-of-range: " + verb + " " + argument + " cm, allowed " + TelloSdk.MIN_MOVE_CM
                            + ".." + max);
        }
        if (ROTATIONS.contains(verb)) {
            int max = Math.min(TelloSdk.MAX_ANGLE_DEG, settings.maxAngleDeg());
            return argument >= TelloSdk.MIN_ANGLE_DEG && argument <= max ? Optional.empty()
                    : Optional.of("out-of-range: " + verb + " " + argument + " degrees, allowed "
                            + TelloSdk.MIN_ANGLE_DEG + ".." + max);
        }
        return Optional.of("not-allowed: '" + abbreviate(sdk) + "' is not a command the safety policy sends");
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
