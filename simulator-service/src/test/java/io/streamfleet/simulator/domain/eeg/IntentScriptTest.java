package io.streamfleet.simulator.domain.eeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentScriptTest {

    @Test
    void stepsAreParsedInOrderWithSecondsOrMilliseconds() {
        IntentScript script = IntentScript.parse("TAKEOFF:4s, forward:1500ms,ROTATE_CW : 2s");
        assertEquals(List.of(new IntentScript.Step(MentalCommand.TAKEOFF, 4000),
                new IntentScript.Step(MentalCommand.FORWARD, 1500),
                new IntentScript.Step(MentalCommand.ROTATE_CW, 2000)), script.steps());
        assertEquals(7500, script.lengthMillis());
    }

    @Test
    void theScriptLoops() {
        IntentScript script = IntentScript.parse("TAKEOFF:4s,FORWARD:1500ms,LAND:2s");
        assertEquals(MentalCommand.TAKEOFF, script.commandAt(0));
        assertEquals(MentalCommand.TAKEOFF, script.commandAt(3999));
        assertEquals(MentalCommand.FORWARD, script.commandAt(4000));
        assertEquals(MentalCommand.LAND, script.commandAt(5500));
        assertEquals(MentalCommand.LAND, script.commandAt(7499));
        assertEquals(MentalCommand.TAKEOFF, script.commandAt(7500));
        assertEquals(MentalCommand.FORWARD, script.commandAt(7500 * 1000 + 4200));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "TAKEOFF", "TAKEOFF:4", "TAKEOFF:4h", "FLIP:4s", "TAKEOFF:0s", "TAKEOFF:-1s",
            "TAKEOFF:4s,,LAND:1s" })
    void malformedScriptsAreRefusedWithTheOffendingStep(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntentScript.parse(text));
        assertTrue(e.getMessage().contains("step"), e.getMessage());
    }
}
