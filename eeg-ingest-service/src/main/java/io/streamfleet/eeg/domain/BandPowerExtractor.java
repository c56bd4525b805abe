package io.streamfleet.eeg.domain;

import java.util.Arrays;

/**
 * Band powers of one conditioned channel from a Hann-windowed periodogram: the window is zero-padded to a power of two,
 * transformed, scaled to a one-sided power spectral density (µV²/Hz), and the density is summed over each band's bins.
 * The scaling makes a band's power the variance the band contributes: a sine of amplitude A inside a band gives that
 * band about A²/2. One extractor serves one window length and sample rate; it holds scratch arrays, so it is confined
 * to one thread at a time.
 */
public final class BandPowerExtractor {

    static final double[] EDGES_HZ = { 1, 4, 8, 13, 30, 45 };

    private final int sampleRateHz;
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
        this.sampleRateHz = sampleRateHz;
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

    public int length() {
        return length;
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    public BandPowers bandPowers(double[] signal) {
        if (signal.length != length) {
            throw new IllegalArgumentException("expected " + length + " samples, got " + signal.length);
        }
        for (int i = 0; i < length; i++) {
            re[i] = signal[i] * hann[i];
        }
        Arrays.fill(re, length, re.length, 0);
        Arrays.fill(im, 0);
        fft.forward(re, im);
        double[] powers = new double[bandFirstBin.length];
        for (int band = 0; band < powers.length; band++) {
            double sum = 0;
            for (int k = bandFirstBin[band]; k < bandEndBin[band]; k++) {
                sum += re[k] * re[k] + im[k] * im[k];
            }
            powers[band] = sum * psdScale;
        }
        return new BandPowers(powers[0], powers[1], powers[2], powers[3], powers[4]);
    }
}
