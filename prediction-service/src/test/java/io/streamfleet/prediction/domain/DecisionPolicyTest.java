package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

    private final DecisionPolicy policy = new DecisionPolicy(0.6);

    @Test
    void confidentAnswerStandsAsModel() {
        Decision d = policy.decide(new Classification(Command.FORWARD, 0.91, "bandpower-lda", "1"), Reason.MODEL);
        assertEquals(new Decision(Command.FORWARD, 0.91, "bandpower-lda", "1", Reason.MODEL), d);
    }

    @Test
    void answerAtTheThresholdStands() {
        assertEquals(Command.LEFT,
                policy.decide(new Classification(Command.LEFT, 0.6, "m", "1"), Reason.MODEL).command());
    }

    @Test
    void unsureAnswerIsHoverWithItsConfidence() {
        Decision d = policy.decide(new Classification(Command.FORWARD, 0.59, "m", "1"), Reason.MODEL);
        assertEquals(new Decision(Command.HOVER, 0.59, "m", "1", Reason.LOW_CONFIDENCE), d);
        assertEquals(Reason.LOW_CONFIDENCE,
                policy.decide(new Classification(Command.UP, 0.2, "m", "1"), Reason.FALLBACK).reason());
    }

    @Test
    void confidentFallbackAnswerSaysFallback() {
        Decision d = policy.decide(new Classification(Command.BACK, 0.8, "bandpower-lda", "1"), Reason.FALLBACK);
        assertEquals(new Decision(Command.BACK, 0.8, "bandpower-lda", "1", Reason.FALLBACK), d);
    }

    @Test
    void confidentAnswerAfterAnInvalidRemoteOutputSaysSo() {
        Decision d = policy.decide(new Classification(Command.UP, 0.7, "bandpower-lda", "1"),
                Reason.INVALID_REMOTE_OUTPUT);
        assertEquals(new Decision(Command.UP, 0.7, "bandpower-lda", "1", Reason.INVALID_REMOTE_OUTPUT), d);
    }

    @Test
    void badSignalIsHover() {
        assertEquals(new Decision(Command.HOVER, 0.0, "bandpower-lda", "1", Reason.SIGNAL_QUALITY),
                policy.badSignal("bandpower-lda", "1"));
    }

    @Test
    void thresholdOutsideUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionPolicy(1.5));
        assertThrows(IllegalArgumentException.class, () -> new DecisionPolicy(Double.NaN));
    }

    @Test
    void wireNamesFollowTheContract() {
        assertEquals("low-confidence", Reason.LOW_CONFIDENCE.wireName());
        assertEquals("signal-quality", Reason.SIGNAL_QUALITY.wireName());
        assertEquals("fallback", Reason.FALLBACK.wireName());
        assertEquals("model", Reason.MODEL.wireName());
        assertEquals("invalid-remote-output", Reason.INVALID_REMOTE_OUTPUT.wireName());
    }
}
