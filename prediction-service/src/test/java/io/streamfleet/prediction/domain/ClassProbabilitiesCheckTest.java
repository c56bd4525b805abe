package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassProbabilitiesCheckTest {

    private final ClassProbabilitiesCheck check = new ClassProbabilitiesCheck(4, 0.01);

    @Test
    void softmaxOutputIsValid() {
        assertNull(check.problem(new double[] { 0.7, 0.1, 0.1, 0.1 }));
        assertNull(check.problem(new double[] { 1, 0, 0, 0 }));
        // FP32 rounding and sums within the tolerance
        assertNull(check.problem(new double[] { 0.7000001, 0.1, 0.1, 0.1 }));
        assertNull(check.problem(new double[] { 0.705, 0.1, 0.1, 0.1 }));
    }

    @Test
    void valueAboveOneIsInvalidEvenWhenTheSumIsNearOne() {
        assertTrue(check.problem(new double[] { 1.005, 0, 0, 0 }).contains("outside [0, 1]"));
    }

    @Test
    void negativeValueIsInvalidEvenWhenTheSumIsOne() {
        assertTrue(check.problem(new double[] { 0.505, 0.5, -0.005, 0 }).contains("outside [0, 1]"));
    }

    @Test
    void nanOrInfinityIsInvalid() {
        assertTrue(check.problem(new double[] { 0.9, Double.NaN, 0.05, 0.05 }).contains("NaN"));
        assertTrue(check.problem(new double[] { Double.POSITIVE_INFINITY, 0, 0, 0 }).contains("Infinity"));
    }

    @Test
    void wrongNumberOfValuesIsInvalid() {
        assertTrue(check.problem(new double[] { 1, 0, 0 }).contains("3 probabilities for 4 classes"));
        assertNotNull(check.problem(new double[0]));
        assertNotNull(check.problem(null));
    }

    @Test
    void sumAwayFromOneIsInvalid() {
        assertTrue(check.problem(new double[] { 0.9, 0.9, 0.1, 0.1 }).contains("sum to"));
        assertTrue(check.problem(new double[] { 0.5, 0.1, 0.1, 0.1 }).contains("sum to"));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClassProbabilitiesCheck(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new ClassProbabilitiesCheck(4, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new ClassProbabilitiesCheck(4, Double.NaN));
    }
}
