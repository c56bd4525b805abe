package io.streamfleet.eeg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void cosineAtABinLandsInThatBinAndItsMirror() {
        int n = 64;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = 3 * Math.cos(2 * Math.PI * 5 * i / n);
        }
        new Fft(n).forward(re, im);
        for (int k = 0; k < n; k++) {
            double expected = k == 5 || k == n - 5 ? 3 * n / 2.0 : 0;
            assertEquals(expected, Math.hypot(re[k], im[k]), 1e-9, "bin " + k);
        }
    }

    @Test
    void sineHasTheExpectedPhase() {
        int n = 32;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = Math.sin(2 * Math.PI * 3 * i / n);
        }
        new Fft(n).forward(re, im);
        // sin = (e^{iwt} - e^{-iwt}) / 2i: bin 3 is -i N/2
        assertEquals(0, re[3], 1e-9);
        assertEquals(-n / 2.0, im[3], 1e-9);
        assertEquals(n / 2.0, im[n - 3], 1e-9);
    }

    @Test
    void matchesTheDefinitionOnRandomInput() {
        int n = 128;
        Random random = new Random(7);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] dftRe = new double[n];
        double[] dftIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double angle = -2 * Math.PI * k * t / n;
                dftRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                dftIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
        }
        new Fft(n).forward(re, im);
        for (int k = 0; k < n; k++) {
            assertEquals(dftRe[k], re[k], 1e-9);
            assertEquals(dftIm[k], im[k], 1e-9);
        }
    }

    @Test
    void inverseRestoresTheSignal() {
        int n = 256;
        Random random = new Random(3);
        double[] original = new double[n];
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            original[i] = random.nextGaussian();
            re[i] = original[i];
        }
        Fft fft = new Fft(n);
        fft.forward(re, im);
        fft.inverse(re, im);
        for (int i = 0; i < n; i++) {
            assertEquals(original[i], re[i], 1e-12);
            assertEquals(0, im[i], 1e-12);
        }
    }

    @Test
    void sizesArePowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(500));
        assertEquals(512, Fft.sizeFor(500));
        assertEquals(256, Fft.sizeFor(256));
        assertEquals(2, Fft.sizeFor(1));
    }
}
