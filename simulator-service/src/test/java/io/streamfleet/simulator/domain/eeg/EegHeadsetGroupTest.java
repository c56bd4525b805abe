package io.streamfleet.simulator.domain.eeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EegHeadsetGroupTest {

    private static final IntentScript THREE_STEPS = IntentScript.parse("UP:1s,DOWN:1s,LEFT:1s");

    private static EegHeadsetGroup group(Montage montage, int headsets) {
        return new EegHeadsetGroup(EegSimulationSettings.clean(montage, THREE_STEPS), headsets, "h", new Random(1),
                () -> 1_000L);
    }

    @Test
    void headsetsTakeTurnsAndEachKeepsItsOwnContinuousTimeline() {
        EegHeadsetGroup group = group(Montage.CYTON, 3);
        for (int round = 0; round < 20; round++) {
            for (String id : List.of("h1", "h2", "h3")) {
                EegFrame frame = group.next().frame();
                assertEquals(id, frame.headsetId());
                assertEquals(round, frame.seq());
                assertEquals(1_000L + round * 100L, frame.firstSampleAt());
            }
        }
    }

    @Test
    void headsetsStartSpreadOverTheScriptAndLoopThroughIt() {
        EegHeadsetGroup group = group(Montage.CYTON, 3);
        MentalCommand[][] intents = new MentalCommand[3][];
        for (int h = 0; h < 3; h++) {
            intents[h] = new MentalCommand[60];
        }
        for (int frame = 0; frame < 60; frame++) {
            for (int h = 0; h < 3; h++) {
                intents[h][frame] = group.next().intent();
            }
        }
        List<MentalCommand> order = List.of(MentalCommand.UP, MentalCommand.DOWN, MentalCommand.LEFT);
        for (int h = 0; h < 3; h++) {
            for (int frame = 0; frame < 60; frame++) {
                // headset h starts h seconds (10 frames) into the 3 s script
                assertEquals(order.get((frame / 10 + h) % 3), intents[h][frame], "headset " + h + " frame " + frame);
            }
        }
    }

    @Test
    void realTimeRateIsHeadsetsTimesSampleRateOverFrameSamples() {
        assertEquals(20.0, group(Montage.CYTON, 2).realTimeFramesPerSecond());
        assertEquals(15.0, group(Montage.CYTON_DAISY, 3).realTimeFramesPerSecond());
    }

    @Test
    void headsetsDifferFromEachOther() {
        EegHeadsetGroup group = group(Montage.CYTON, 2);
        double[][] first = group.next().frame().samples();
        double[][] second = group.next().frame().samples();
        assertEquals(false, java.util.Arrays.deepEquals(first, second));
    }

    @Test
    void anEmptyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> group(Montage.CYTON, 0));
    }
}
