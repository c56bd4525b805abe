package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The link's own check: whatever is on drone-commands, only what the policy could have decided reaches the air. */
class LinkGuardTest {

    static final long NOW = 1_713_763_500_000L;
    final LinkGuard guard = new LinkGuard(new LinkGuard.Settings(Duration.ofSeconds(3), Duration.ofMillis(500), 30, 90,
            "command"));

    static DroneCommand send(String sdk, long issuedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), "tello-1", null, Action.SEND, sdk, "x", null, null,
                issuedAt, null);
    }

    Optional<String> check(String sdk, FlightState state) {
        return guard.refusal(send(sdk, NOW), state, NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = { "command", "takeoff", "land", "emergency", "stop", "up 30", "down 20", "left 25",
            "right 30", "forward 30", "back 30", "cw 90", "ccw 1" })
    void whatThePolicySendsPasses(String sdk) {
        assertEquals(Optional.empty(), check(sdk, FlightState.FLYING));
    }

    @ParameterizedTest
    @ValueSource(strings = { "flip l", "go 500 500 500 100", "wifi ssid pass", "speed 100", "rc 0 0 0 0",
            "curve 20 20 20 60 60 60 60", "motoron", "reboot", "FORWARD 30", "forward  30", "forward 30 ",
            "forward -30", "forward 30\nflip l", "", "ap ssid pass", "battery?" })
    void anythingElseIsNotAllowed(String sdk) {
        assertTrue(check(sdk, FlightState.FLYING).orElseThrow().startsWith("not-allowed"), sdk);
    }

    @ParameterizedTest
    @ValueSource(strings = { "forward 500", "up 31", "back 19", "left 0", "cw 91", "ccw 0", "cw 360", "right 9999" })
    void distancesAndAnglesBeyondThePolicysAreRefused(String sdk) {
        assertTrue(check(sdk, FlightState.FLYING).orElseThrow().startsWith("out-of-range"), sdk);
    }

    @ParameterizedTest
    @ValueSource(strings = { "forward 30", "cw 90", "up 30" })
    void noMoveUnlessFlying(String sdk) {
        assertTrue(check(sdk, FlightState.LANDED).orElseThrow().startsWith("wrong-state"));
        assertTrue(check(sdk, FlightState.EMERGENCY_STOPPED).orElseThrow().startsWith("wrong-state"));
    }

    @Test
    void noTakeoffOutOfAnEmergencyStop() {
        assertTrue(check("takeoff", FlightState.EMERGENCY_STOPPED).orElseThrow().startsWith("wrong-state"));
        assertEquals(Optional.empty(), check("takeoff", FlightState.LANDED));
    }

    @ParameterizedTest
    @ValueSource(strings = { "emergency", "land", "stop", "forward 30", "takeoff" })
    void everyCommandHasAnAgeLimitEmergencyIncluded(String sdk) {
        assertTrue(guard.refusal(send(sdk, NOW - 3001), FlightState.FLYING, NOW).orElseThrow().startsWith("stale"));
        assertEquals(Optional.empty(), guard.refusal(send(sdk, NOW - 3000), FlightState.FLYING, NOW));
    }

    @Test
    void aCommandFromTheFutureIsRefused() {
        assertTrue(guard.refusal(send("emergency", NOW + 501), FlightState.FLYING, NOW).orElseThrow()
                .startsWith("future"));
        assertEquals(Optional.empty(), guard.refusal(send("emergency", NOW + 500), FlightState.FLYING, NOW));
    }

    @Test
    void aSendWithoutSdkIsRefused() {
        assertTrue(check(null, FlightState.FLYING).orElseThrow().startsWith("sdk"));
    }
}
