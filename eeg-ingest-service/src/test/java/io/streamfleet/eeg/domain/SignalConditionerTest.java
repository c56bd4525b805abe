package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.TestSignals.middlePower;
import static io.streamfleet.eeg.domain.TestSignals.power;
import static io.streamfleet.eeg.domain.TestSignals.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalConditionerTest {

    private static final int RATE = 250;
    private static final int N = 500;

    /** The fraction of a sine's power that survives the filter stages (middle of the window). */
    private static double kept(SignalConditioner conditioner, double hz) {
        double[] x = sine(hz, 10, RATE, N);
        double before = middlePower(x);
        conditioner.filterZeroPhase(x);
        return middlePower(x) / before;
    }

    @Test
    void detrendRemovesALinearDrift() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 12_000 + 3.5 * i;
        }
        Detrend.removeLinearTrend(x);
        for (double v : x) {
            assertEquals(0, v, 1e-7);
        }
    }

    @Test
    void detrendKeepsWhatRidesOnTheDrift() {
        double[] signal = sine(10, 20, RATE, N);
        double[] drifting = new double[N];
        for (int i = 0; i < N; i++) {
            drifting[i] = signal[i] + 5_000 - 2.0 * i;
        }
        Detrend.removeLinearTrend(drifting);
        Detrend.removeLinearTrend(signal);
        for (int i = 0; i < N; i++) {
            assertEquals(signal[i], drifting[i], 1e-7, "sample " + i);
        }
        assertTrue(power(drifting) > 190, "the sine's power (200 µV²) is still there: " + power(drifting));
    }

    @Test
    void notchRemovesMainsButKeepsNeighbours() {
        // a band-pass wide enough that only the notch acts around 50 Hz
        SignalConditioner wide = new SignalConditioner(new FilterSettings(50, 30, 1, 100), RATE);
        // a narrow notch rings for a while at the window's edges: 99 % of the hum's power is gone, not all of it
        assertTrue(kept(wide, 50) < 0.01, "50 Hz kept " + kept(wide, 50));
        assertTrue(kept(wide, 48) > 0.6, "48 Hz kept " + kept(wide, 48));
        assertTrue(kept(wide, 52) > 0.6, "52 Hz kept " + kept(wide, 52));
        assertTrue(kept(wide, 40) > 0.95, "40 Hz kept " + kept(wide, 40));
    }

    @Test
    void sixtyHertzMainsIsConfigurable() {
        SignalConditioner wide = new SignalConditioner(new FilterSettings(60, 30, 1, 100), RATE);
        assertTrue(kept(wide, 60) < 0.01, "60 Hz kept " + kept(wide, 60));
        assertTrue(kept(wide, 50) > 0.9, "50 Hz kept " + kept(wide, 50));
    }

    @Test
    void bandPassRemovesDcAndSixtyHertzAndAbove() {
        SignalConditioner conditioner = new SignalConditioner(FilterSettings.DEFAULTS, RATE);
        double[] dc = new double[N];
        java.util.Arrays.fill(dc, 800);
        conditioner.filterZeroPhase(dc);
        assertTrue(power(dc) < 1e-6 * 800 * 800, "DC left " + power(dc));
        assertTrue(kept(conditioner, 60) < 0.01, "60 Hz kept " + kept(conditioner, 60));
        assertTrue(kept(conditioner, 80) < 0.0001, "80 Hz kept " + kept(conditioner, 80));
        assertTrue(kept(conditioner, 0.2) < 0.01, "0.2 Hz kept " + kept(conditioner, 0.2));
    }

    @ParameterizedTest
    @ValueSource(doubles = { 3, 6, 10, 20, 35 })
    void passbandIsKept(double hz) {
        SignalConditioner conditioner = new SignalConditioner(FilterSettings.DEFAULTS, RATE);
        double kept = kept(conditioner, hz);
        assertTrue(kept > 0.9 && kept < 1.1, hz + " Hz kept " + kept);
    }

    @Test
    void cutOffsAreTheMinusSixDecibelPoints() {
        SignalConditioner conditioner = new SignalConditioner(FilterSettings.DEFAULTS, RATE);
        assertEquals(0.5, conditioner.gainAt(45), 0.01);
        assertEquals(0.5, conditioner.gainAt(1), 0.01);
        assertTrue(kept(conditioner, 40) > 0.75, "40 Hz kept " + kept(conditioner, 40));
    }

    @Test
    void chainResponseAgreesWithWhatTheFilterDoes() {
        SignalConditioner conditioner = new SignalConditioner(FilterSettings.DEFAULTS, RATE);
        assertEquals(conditioner.gainAt(20) * conditioner.gainAt(20), kept(conditioner, 20), 0.02);
        assertTrue(conditioner.gainAt(0.01) < 1e-6);
    }

    @Test
    void channelsConditionedTogetherComeOutAsIfConditionedAlone() {
        SignalConditioner conditioner = new SignalConditioner(FilterSettings.DEFAULTS, RATE);
        double[][] together = { sine(10, 10, RATE, N), sine(20, 5, RATE, N), sine(3, 30, RATE, N) };
        for (int i = 0; i < N; i++) {
            together[1][i] += 7_000 + 0.3 * i;
        }
        double[][] alone = { together[0].clone(), together[1].clone(), together[2].clone() };
        conditioner.condition(together);
        for (int c = 0; c < alone.length; c++) {
            conditioner.condition(alone[c]);
            for (int i = 0; i < N; i++) {
                assertEquals(alone[c][i], together[c][i], 1e-9, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void aSampleRateTooLowForTheBandIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SignalConditioner(FilterSettings.DEFAULTS, 80));
    }
}
