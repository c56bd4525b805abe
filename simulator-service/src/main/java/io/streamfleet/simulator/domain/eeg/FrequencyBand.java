package io.streamfleet.simulator.domain.eeg;

/** The EEG bands the pipeline extracts band powers for (docs/contracts.md), lower edge inclusive. */
public enum FrequencyBand {
    DELTA(1, 4), THETA(4, 8), ALPHA(8, 13), BETA(13, 30), GAMMA(30, 45);

    private final double lowHz;
    private final double highHz;

    FrequencyBand(double lowHz, double highHz) {
        this.lowHz = lowHz;
        this.highHz = highHz;
    }

    public double lowHz() {
        return lowHz;
    }

    public double highHz() {
        return highHz;
    }
}
