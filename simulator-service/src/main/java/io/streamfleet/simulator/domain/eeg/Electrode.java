package io.streamfleet.simulator.domain.eeg;

/** A 10-20 electrode the OpenBCI boards are wired to by default, with the scalp area its signal comes from. */
public enum Electrode {
    FP1("Fp1", Area.FRONTAL, Side.LEFT), FP2("Fp2", Area.FRONTAL, Side.RIGHT),
    C3("C3", Area.CENTRAL, Side.LEFT), C4("C4", Area.CENTRAL, Side.RIGHT),
    P7("P7", Area.PARIETAL, Side.LEFT), P8("P8", Area.PARIETAL, Side.RIGHT),
    O1("O1", Area.OCCIPITAL, Side.LEFT), O2("O2", Area.OCCIPITAL, Side.RIGHT),
    F7("F7", Area.FRONTAL, Side.LEFT), F8("F8", Area.FRONTAL, Side.RIGHT),
    F3("F3", Area.FRONTAL, Side.LEFT), F4("F4", Area.FRONTAL, Side.RIGHT),
    T7("T7", Area.TEMPORAL, Side.LEFT), T8("T8", Area.TEMPORAL, Side.RIGHT),
    P3("P3", Area.PARIETAL, Side.LEFT), P4("P4", Area.PARIETAL, Side.RIGHT);

    public enum Area {
        FRONTAL, CENTRAL, TEMPORAL, PARIETAL, OCCIPITAL
    }

    public enum Side {
        LEFT, RIGHT
    }

    private final String label;
    private final Area area;
    private final Side side;

    Electrode(String label, Area area, Side side) {
        this.label = label;
        this.area = area;
        this.side = side;
    }

    /** The name on the wire, e.g. {@code Fp1}. */
    public String label() {
        return label;
    }

    public Area area() {
        return area;
    }

    public Side side() {
        return side;
    }
}
