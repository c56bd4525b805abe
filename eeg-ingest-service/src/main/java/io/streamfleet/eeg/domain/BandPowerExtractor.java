package io.streamfleet.eeg.domain;

import java.util.Arrays;

/**
 * Band powers of one conditioned channel from a Hann-windowed periodogram: the window is zero-padded to a power of two,
 * transformed, scaled to a one-sided power spectral density (µV²/Hz), and the density is summed over each band's bins.
 * The scaling makes a band's power the variance the band contributes: a sine of amplitude A inside a band gives that
 * band about A²/2. One extractor serves one window length and sample rate; it holds scratch arrays, so it is confined
 * to one thread at a time (FeatureExtractor's lock).
 */
public final class BandPowerExtractor {

    static final double[] EDGES_HZ = { 1, 4, 8, 13, 30, 45 };

    private final int length;
    private final Fft fft;
    private final double[] hann;
    private final double psdScale;
    private final int[] bandFirstBin;
    private final int[] bandEndBin;
    private final double[] re;
    private final double[] im;

    public BandPowerExtractor(int length, int sampleRateHz) {
        if (length < 2) {
            throw new IllegalArgumentException("a window needs at least 2 samples");
        }
        this.length = length;
        this.fft = new Fft(Fft.sizeFor(length));
        this.hann = new double[length];
        double sumSquares = 0;
        for (int i = 0; i < length; i++) {
            hann[i] = 0.5 * (1 - Math.cos(2 * Math.PI * i / length));
            sumSquares += hann[i] * hann[i];
        }
        int size = fft.size();
        double binHz = (double) sampleRateHz / size;
        // one-sided density times the bin width: summing it over bins gives power directly
        this.psdScale = 2.0 / (sampleRateHz * sumSquares) * binHz;
        this.bandFirstBin = new int[EDGES_HZ.length - 1];
        this.bandEndBin = new int[EDGES_HZ.length - 1];
        for (int band = 0; band < bandFirstBin.length; band++) {
            bandFirstBin[band] = (int) Math.ceil(EDGES_HZ[band] / binHz);
            boolean lastBand = band == bandFirstBin.length - 1;
            double top = EDGES_HZ[band + 1] / binHz;
            // bands are [low, high): a bin on an inner edge belongs to the band above; the top band keeps 45 Hz
            int end = lastBand ? (int) Math.floor(top) + 1 : (int) Math.ceil(top);
            bandEndBin[band] = Math.min(end, size / 2);
        }
        this.re = new double[size];
        this.im = new double[size];
    }

    public BandPowers bandPowers(double[] signal) {
        return bandPowers(new double[][] { signal })[0];
    }

    /**
     * Band powers of every channel. Two real channels share one complex FFT (one as the real part, one as the
     * imaginary part, separated afterwards by the transform's conjugate symmetry): half the transforms.
     */
    public BandPowers[] bandPowers(double[][] channels) {
        BandPowers[] out = new BandPowers[channels.length];
        for (int c = 0; c < channels.length; c += 2) {
            double[] second = c + 1 < channels.length ? channels[c + 1] : null;
            transformPair(channels[c], second);
            out[c] = bands(false);
            if (second != null) {
                out[c + 1] = bands(true);
            }
        }
        return out;
    }

    private void transformPair(double[] first, double[] second) {
        check(first);
        for (int i = 0; i < length; i++) {
            re[i] = first[i] * hann[i];
        }
        if (second == null) {
            Arrays.fill(im, 0, length, 0);
        } else {
            check(second);
            for (int i = 0; i < length; i++) {
                im[i] = second[i] * hann[i];
            }
        }
        Arrays.fill(re, length, re.length, 0);
        Arrays.fill(im, length, im.length, 0);
        fft.forward(re, im);
    }

    /** Sums |X[k]|² of the real part's signal (or the imaginary part's) over each band's bins. */
    private BandPowers bands(boolean imaginaryPart) {
        int size = re.length;
        double[] powers = new double[bandFirstBin.length];
        for (int band = 0; band < powers.length; band++) {
            double sum = 0;
            for (int k = bandFirstBin[band]; k < bandEndBin[band]; k++) {
                int mirror = (size - k) % size;
                double xr;
                double xi;
                if (imaginaryPart) {
                    xr = (im[k] + im[mirror]) / 2;
                    xi = (re[mirror] - re[k]) / 2;
                } else {
                    xr = (re[k] + re[mirror]) / 2;
                    xi = (im[k] - im[mirror]) / 2;
                }
                sum += xr * xr + xi * xi;
            }
            powers[band] = sum * psdScale;
        }
        return new BandPowers(powers[0], powers[1], powers[2], powers[3], powers[4]);
    }

    private void check(double[] signal) {
        if (signal.length != length) {
            throw new IllegalArgumentException("expected " + length + " samples, got " + signal.length);
        }
    }
}
