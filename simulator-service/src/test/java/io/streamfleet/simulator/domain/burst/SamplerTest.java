package io.streamfleet.simulator.domain.burst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int TRIALS = 100_000;

    private static double keptFraction(Sampler sampler) {
        return IntStream.range(0, TRIALS).filter(i -> sampler.keep()).count() / (double) TRIALS;
    }

    @ParameterizedTest
    @ValueSource(doubles = { 0.3, 0.1, 0.5, 0.01 })
    void keepsTheConfiguredFractionWithinOnePercentPoint(double fraction) {
        assertEquals(fraction, keptFraction(new Sampler(fraction, new Random(42))), 0.01);
    }

    @Test
    void imageAndImuDefaultsKeepThirtyAndTenPercent() {
        assertEquals(0.3, keptFraction(new Sampler(0.3, new Random(7))), 0.01);
        assertEquals(0.1, keptFraction(new Sampler(0.1, new Random(7))), 0.01);
    }

    @Test
    void oneKeepsEverythingAndZeroNothing() {
        assertEquals(1.0, keptFraction(new Sampler(1, new Random(1))));
        assertEquals(0.0, keptFraction(new Sampler(0, new Random(1))));
    }

    @Test
    void sameSeedSameDecisions() {
        Sampler a = new Sampler(0.3, new Random(9));
        Sampler b = new Sampler(0.3, new Random(9));
        IntStream.range(0, 1_000).forEach(i -> assertEquals(a.keep(), b.keep()));
    }

    @Test
    void fractionsOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler(1.5, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(-0.1, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(Double.NaN, new Random()));
    }
}
