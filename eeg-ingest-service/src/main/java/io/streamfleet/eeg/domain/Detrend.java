package io.streamfleet.eeg.domain;

/** Removes the least-squares straight line (offset and linear drift) from a signal. */
public final class Detrend {

    private Detrend() {
    }

    /** In place: afterwards the signal has zero mean and no linear trend. */
    public static void removeLinearTrend(double[] x) {
        int n = x.length;
        if (n == 0) {
            return;
        }
        double meanT = (n - 1) / 2.0;
        double meanX = 0;
        for (double v : x) {
            meanX += v;
        }
        meanX /= n;
        double covariance = 0;
        double varianceT = 0;
        for (int i = 0; i < n; i++) {
            double t = i - meanT;
            covariance += t * (x[i] - meanX);
            varianceT += t * t;
        }
        double slope = varianceT == 0 ? 0 : covariance / varianceT;
        for (int i = 0; i < n; i++) {
            x[i] -= meanX + slope * (i - meanT);
        }
    }
}
