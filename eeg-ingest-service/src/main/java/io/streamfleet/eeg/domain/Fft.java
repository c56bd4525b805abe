package io.streamfleet.eeg.domain;

/**
 * In-place iterative radix-2 Cooley-Tukey FFT of one fixed power-of-two size, with its twiddle factors and
 * bit-reversal permutation computed once. Plain Java so that it runs the same on the JVM and in a native image.
 * An instance holds no per-call state and may be shared between threads.
 */
public final class Fft {

    private final int size;
    private final int[] bitReversed;
    private final double[] cos;
    private final double[] sin;

    public Fft(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 2, not " + size);
        }
        this.size = size;
        int bits = Integer.numberOfTrailingZeros(size);
        bitReversed = new int[size];
        for (int i = 0; i < size; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[size / 2];
        sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++) {
            double angle = -2 * Math.PI * k / size;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
    }

    public int size() {
        return size;
    }

    /** The smallest power of two >= n (at least 2). */
    public static int sizeFor(int n) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /** X[k] = sum_n x[n] e^{-2 pi i k n / N}, in place. */
    public void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    /** The inverse of {@link #forward}, including the 1/N scaling. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
        for (int i = 0; i < size; i++) {
            re[i] /= size;
            im[i] /= size;
        }
    }

    private void transform(double[] re, double[] im, boolean inverse) {
        if (re.length != size || im.length != size) {
            throw new IllegalArgumentException("expected arrays of length " + size);
        }
        for (int i = 0; i < size; i++) {
            int j = bitReversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? -1 : 1;
        for (int half = 1; half < size; half <<= 1) {
            int step = size / (half << 1);
            for (int start = 0; start < size; start += half << 1) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = wr * re[b] - wi * im[b];
                    double ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
