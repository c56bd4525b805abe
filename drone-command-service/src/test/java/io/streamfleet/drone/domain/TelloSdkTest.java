package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelloSdkTest {

    @ParameterizedTest
    @CsvSource({ "TAKEOFF,takeoff", "LAND,land", "UP,up 40", "DOWN,down 40", "LEFT,left 40", "RIGHT,right 40",
            "FORWARD,forward 40", "BACK,back 40", "ROTATE_CW,cw 45", "ROTATE_CCW,ccw 45" })
    void mapsEveryPredictedCommand(MentalCommand command, String sdk) {
        assertEquals(sdk, TelloSdk.forPrediction(command, 40, 45));
    }

    @Test
    void hoverSendsNothing() {
        assertNull(TelloSdk.forPrediction(MentalCommand.HOVER, 40, 45));
    }

    @ParameterizedTest
    @CsvSource({ "-5,20", "0,20", "19,20", "20,20", "21,21", "499,499", "500,500", "501,500", "10000,500" })
    void clampsDistanceToTwentyToFiveHundredCentimetres(int configured, int sent) {
        assertEquals(sent, TelloSdk.clampMove(configured));
        assertEquals("up " + sent, TelloSdk.forPrediction(MentalCommand.UP, configured, 90));
    }

    @ParameterizedTest
    @CsvSource({ "-90,1", "0,1", "1,1", "2,2", "359,359", "360,360", "361,360", "720,360" })
    void clampsAngleToOneToThreeHundredSixtyDegrees(int configured, int sent) {
        assertEquals(sent, TelloSdk.clampAngle(configured));
        assertEquals("ccw " + sent, TelloSdk.forPrediction(MentalCommand.ROTATE_CCW, 30, configured));
    }

    @ParameterizedTest
    @ValueSource(strings = { "emergency", "rc 0 0 0 0", "rc 10 -10 0 20" })
    void emergencyAndRcAreFireAndForget(String sdk) {
        assertTrue(TelloSdk.isFireAndForget(sdk));
        assertFalse(TelloSdk.isRetryable(sdk));
    }

    @ParameterizedTest
    @ValueSource(strings = { "forward 30", "back 30", "left 30", "right 30", "up 30", "down 30", "cw 90", "ccw 90" })
    void motionsAreNeitherFireAndForgetNorRetried(String sdk) {
        assertFalse(TelloSdk.isFireAndForget(sdk));
        assertFalse(TelloSdk.isRetryable(sdk));
    }

    @ParameterizedTest
    @ValueSource(strings = { "command", "takeoff", "land", "stop", "battery?" })
    void idempotentCommandsAreRetried(String sdk) {
        assertTrue(TelloSdk.isRetryable(sdk));
        assertFalse(TelloSdk.isFireAndForget(sdk));
    }
}
