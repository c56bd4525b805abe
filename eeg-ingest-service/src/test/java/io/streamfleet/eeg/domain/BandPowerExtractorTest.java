package io.streamfleet.eeg.domain;

import static io.streamfleet.eeg.domain.TestSignals.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BandPowerExtractorTest {

    @Test
    void channelsSharingATransformGetTheSamePowersAsAlone() {
        BandPowerExtractor extractor = new BandPowerExtractor(500, 250);
        Random random = new Random(11);
        double[][] channels = new double[3][500];
        for (int c = 0; c < 3; c++) {
            double[] s = sine(4 + 9 * c, 10 + c, 250, 500);
            for (int i = 0; i < 500; i++) {
                channels[c][i] = s[i] + random.nextGaussian();
            }
        }
        BandPowers[] together = extractor.bandPowers(channels);
        for (int c = 0; c < 3; c++) {
            BandPowers alone = extractor.bandPowers(channels[c]);
            assertEquals(alone.delta(), together[c].delta(), 1e-9);
            assertEquals(alone.theta(), together[c].theta(), 1e-9);
            assertEquals(alone.alpha(), together[c].alpha(), 1e-9);
            assertEquals(alone.beta(), together[c].beta(), 1e-9);
            assertEquals(alone.gamma(), together[c].gamma(), 1e-9);
        }
    }

    @Test
    void whiteNoiseSpreadsByBandwidth() {
        BandPowerExtractor extractor = new BandPowerExtractor(500, 250);
        Random random = new Random(5);
        double delta = 0;
        double beta = 0;
        for (int trial = 0; trial < 50; trial++) {
            double[] noise = new double[500];
            for (int i = 0; i < 500; i++) {
                noise[i] = random.nextGaussian();
            }
            BandPowers powers = extractor.bandPowers(noise);
            delta += powers.delta();
            beta += powers.beta();
        }
        // unit-variance white noise has density 1/125 µV²/Hz over 0-125 Hz: delta (3 Hz) 0.024, beta (17 Hz) 0.136
        assertEquals(0.024, delta / 50, 0.006);
        assertEquals(0.136, beta / 50, 0.015);
    }
}
