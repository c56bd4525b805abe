package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.TestSignals.CYTON;
import static io.streamfleet.eeg.domain.TestSignals.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureExtractorTest {

    private static final int RATE = 250;
    private static final int N = 500;

    private final FeatureExtractor extractor = new FeatureExtractor(FilterSettings.DEFAULTS, QualitySettings.DEFAULTS);

    private static WindowSnapshot window(List<String> channels, double[][] samples, int dropped) {
        return new WindowSnapshot("h1", RATE, channels, samples, 0, 2000, dropped, FrameOrigin.NONE);
    }

    /** A sine riding on a large electrode offset, a drift, mains hum and a little noise: what a headset delivers. */
    private static double[] realistic(double hz, double amplitude, long seed) {
        Random random = new Random(seed);
        double[] x = sine(hz, amplitude, RATE, N);
        double[] hum = sine(50, 30, RATE, N);
        for (int i = 0; i < N; i++) {
            x[i] += 25_000 + 0.8 * i + hum[i] + random.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest(name = "{0} Hz -> {1}")
    @CsvSource({ "2.5, delta", "6, theta", "10, alpha", "11.3, alpha", "20, beta", "25, beta", "38, gamma" })
    void aSinePutsItsPowerInItsBand(double hz, String band) {
        BandPowers powers = extractor.extract(window(List.of("O1"), new double[][] { realistic(hz, 10, 1) }, 0))
                .bands().get("O1");
        assertEquals(band, powers.dominant(), powers.toString());
    }

    @Test
    void bandPowerIsTheSinesVarianceInMicrovoltsSquared() {
        BandPowers alpha = extractor.extract(window(List.of("O1"), new double[][] { sine(10, 10, RATE, N) }, 0))
                .bands().get("O1");
        // amplitude 10 µV -> variance 50 µV²; the Hann window and filters leave it within a few percent
        assertEquals(50, alpha.alpha(), 3);
        assertTrue(alpha.alpha() > 20 * (alpha.delta() + alpha.theta() + alpha.beta() + alpha.gamma()), alpha.toString());

        BandPowers beta = extractor.extract(window(List.of("O1"), new double[][] { sine(20, 10, RATE, N) }, 0))
                .bands().get("O1");
        assertEquals(50, beta.beta(), 3);
        assertTrue(beta.beta() > 20 * (beta.delta() + beta.theta() + beta.alpha() + beta.gamma()), beta.toString());
    }

    @Test
    void mainsHumDoesNotReachGamma() {
        BandPowers hum = extractor.extract(window(List.of("O1"), new double[][] { sine(50, 100, RATE, N) }, 0))
                .bands().get("O1");
        // 5000 µV² of hum; what reaches any band is well below a microvolt squared
        assertTrue(hum.total() < 0.5, hum.toString());
    }

    @Test
    void channelsKeepTheirOrderAndTheirOwnBands() {
        double[][] samples = { realistic(10, 10, 1), realistic(20, 10, 2), realistic(6, 10, 3) };
        EegFeatures features = extractor.extract(window(List.of("C3", "Cz", "C4"), samples, 0));
        assertEquals(List.of("C3", "Cz", "C4"), List.copyOf(features.bands().keySet()));
        assertEquals("alpha", features.bands().get("C3").dominant());
        assertEquals("beta", features.bands().get("Cz").dominant());
        assertEquals("theta", features.bands().get("C4").dominant());
        assertTrue(features.quality().ok());
    }

    @Test
    void railingAndFlatChannelsAreFlaggedByName() {
        double[] railing = realistic(10, 10, 4);
        railing[123] = -187_500;
        double[] flat = new double[N];
        java.util.Arrays.fill(flat, 4_000.0);
        double[][] samples = { realistic(10, 10, 5), railing, flat };
        EegFeatures features = extractor.extract(window(List.of("Fp1", "Fp2", "C3"), samples, 0));
        assertEquals(List.of("Fp2"), features.quality().railingChannels());
        assertEquals(List.of("C3"), features.quality().flatChannels());
        assertFalse(features.quality().ok());
    }

    @Test
    void railingThresholdIsConfigurable() {
        double[] x = realistic(10, 10, 6);
        x[10] = 90_000;
        FeatureExtractor strict = new FeatureExtractor(FilterSettings.DEFAULTS, new QualitySettings(80_000, 0.01));
        assertEquals(List.of("O1"), strict.extract(window(List.of("O1"), new double[][] { x }, 0))
                .quality().railingChannels());
        assertEquals(List.of(), extractor.extract(window(List.of("O1"), new double[][] { x }, 0))
                .quality().railingChannels());
    }

    @Test
    void droppedFramesMakeTheWindowNotOk() {
        EegFeatures features = extractor.extract(window(CYTON.subList(0, 1),
                new double[][] { realistic(10, 10, 7) }, 2));
        assertEquals(2, features.quality().droppedFrames());
        assertFalse(features.quality().ok());
    }

    @Test
    void bothSupportedSampleRatesWork() {
        WindowSnapshot slow = new WindowSnapshot("h1", 125, List.of("O1"), new double[][] { sine(10, 10, 125, 250) },
                0, 2000, 0, FrameOrigin.NONE);
        BandPowers powers = extractor.extract(slow).bands().get("O1");
        assertEquals("alpha", powers.dominant());
        assertEquals(50, powers.alpha(), 3);
    }
}
