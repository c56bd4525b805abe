package io.streamfleet.simulator.domain.eeg;

import static io.streamfleet.simulator.domain.eeg.FrequencyBand.ALPHA;
import static io.streamfleet.simulator.domain.eeg.FrequencyBand.BETA;
import static io.streamfleet.simulator.domain.eeg.FrequencyBand.DELTA;
import static io.streamfleet.simulator.domain.eeg.FrequencyBand.GAMMA;
import static io.streamfleet.simulator.domain.eeg.FrequencyBand.THETA;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.streamfleet.simulator.domain.eeg.Electrode.Area;
import io.streamfleet.simulator.domain.eeg.Electrode.Side;

/**
 * How intending each command changes the band power of the rhythms under each electrode: loosely modelled on what BCI
 * studies report (mu/beta desynchronisation over the motor cortex opposite an imagined hand, frontal midline theta
 * with concentration, occipital alpha with visual relaxation), but chosen above all so that every command has its
 * own channel-by-band pattern a linear model on log band powers can learn. A factor multiplies the rhythm's power.
 */
public final class CommandSignatures {

    /** One change: the rhythm in {@code band} under electrodes of {@code area} on {@code sides} scales by {@code powerFactor}. */
    public record Effect(Area area, List<Side> sides, FrequencyBand band, double powerFactor) {

        public boolean appliesTo(Electrode electrode) {
            return electrode.area() == area && sides.contains(electrode.side());
        }
    }

    private static final List<Side> BOTH = List.of(Side.LEFT, Side.RIGHT);
    private static final List<Side> LEFT = List.of(Side.LEFT);
    private static final List<Side> RIGHT = List.of(Side.RIGHT);

    private static final Map<MentalCommand, List<Effect>> EFFECTS = new EnumMap<>(MentalCommand.class);

    static {
        EFFECTS.put(MentalCommand.HOVER, List.of(
                new Effect(Area.OCCIPITAL, BOTH, ALPHA, 2.5)));
        EFFECTS.put(MentalCommand.TAKEOFF, List.of(
                new Effect(Area.CENTRAL, BOTH, BETA, 2.5),
                new Effect(Area.FRONTAL, BOTH, GAMMA, 2.0)));
        EFFECTS.put(MentalCommand.LAND, List.of(
                new Effect(Area.FRONTAL, BOTH, DELTA, 2.5),
                new Effect(Area.OCCIPITAL, BOTH, ALPHA, 0.5)));
        EFFECTS.put(MentalCommand.UP, List.of(
                new Effect(Area.FRONTAL, BOTH, THETA, 2.5)));
        EFFECTS.put(MentalCommand.DOWN, List.of(
                new Effect(Area.PARIETAL, BOTH, THETA, 2.2),
                new Effect(Area.PARIETAL, BOTH, DELTA, 2.0)));
        // imagining the left hand desynchronises mu and beta over the right motor cortex (C4), and vice versa
        EFFECTS.put(MentalCommand.LEFT, List.of(
                new Effect(Area.CENTRAL, RIGHT, ALPHA, 0.3),
                new Effect(Area.CENTRAL, RIGHT, BETA, 0.4)));
        EFFECTS.put(MentalCommand.RIGHT, List.of(
                new Effect(Area.CENTRAL, LEFT, ALPHA, 0.3),
                new Effect(Area.CENTRAL, LEFT, BETA, 0.4)));
        EFFECTS.put(MentalCommand.FORWARD, List.of(
                new Effect(Area.FRONTAL, BOTH, BETA, 2.5),
                new Effect(Area.PARIETAL, BOTH, BETA, 2.0)));
        EFFECTS.put(MentalCommand.BACK, List.of(
                new Effect(Area.OCCIPITAL, BOTH, ALPHA, 0.4),
                new Effect(Area.OCCIPITAL, BOTH, BETA, 2.0)));
        EFFECTS.put(MentalCommand.ROTATE_CW, List.of(
                new Effect(Area.FRONTAL, RIGHT, GAMMA, 2.5),
                new Effect(Area.PARIETAL, RIGHT, GAMMA, 2.5)));
        EFFECTS.put(MentalCommand.ROTATE_CCW, List.of(
                new Effect(Area.FRONTAL, LEFT, GAMMA, 2.5),
                new Effect(Area.PARIETAL, LEFT, GAMMA, 2.5)));
    }

    private CommandSignatures() {
    }

    public static List<Effect> effects(MentalCommand command) {
        return EFFECTS.get(command);
    }

    /** The factor intending {@code command} applies to the power of {@code band} under {@code electrode} (1 = none). */
    public static double powerFactor(MentalCommand command, Electrode electrode, FrequencyBand band) {
        double factor = 1;
        for (Effect effect : EFFECTS.get(command)) {
            if (effect.band() == band && effect.appliesTo(electrode)) {
                factor *= effect.powerFactor();
            }
        }
        return factor;
    }
}
