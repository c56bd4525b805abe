package io.streamfleet.simulator.domain.eeg;

import java.util.List;

/** The OpenBCI boards the simulator imitates, with their default electrode placement. */
public enum Montage {
    /** Cyton: 8 channels at 250 Hz. */
    CYTON(250, List.of(Electrode.FP1, Electrode.FP2, Electrode.C3, Electrode.C4, Electrode.P7, Electrode.P8,
            Electrode.O1, Electrode.O2)),
    /** Cyton with the Daisy module: 16 channels, the board halves its sample rate to 125 Hz. */
    CYTON_DAISY(125, List.of(Electrode.values()));

    /** The ADS1299's full scale at gain 24 (4.5 V / 24): a channel whose input saturates reads this, signed. */
    public static final double RAIL_MICROVOLTS = 187_500;

    private final int sampleRateHz;
    private final List<Electrode> electrodes;

    Montage(int sampleRateHz, List<Electrode> electrodes) {
        this.sampleRateHz = sampleRateHz;
        this.electrodes = electrodes;
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    public List<Electrode> electrodes() {
        return electrodes;
    }

    public List<String> channelNames() {
        return electrodes.stream().map(Electrode::label).toList();
    }
}
