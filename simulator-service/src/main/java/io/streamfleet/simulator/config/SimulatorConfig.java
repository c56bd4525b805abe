package io.streamfleet.simulator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamfleet.simulator.domain.eeg.Montage;

@ConfigMapping(prefix = "streamfleet.simulator")
public interface SimulatorConfig {

    /** How often sources are paced; each tick sends what the rate says is due. */
    @WithDefault("50ms")
    Duration tick();

    /** Records a source may have waiting for broker acknowledgement; beyond that it drops and counts. */
    @WithDefault("1000")
    int maxInFlight();

    /** The highest rate an operator may set on one source (records per second). */
    @WithDefault("10000")
    double maxRate();

    Orders orders();

    interface Orders {
        @WithDefault("false")
        boolean autostart();

        /** Orders per second. */
        @WithDefault("2")
        double rate();

        @WithDefault("Fred,Wilma,Barney,Betty,Pebbles,BammBamm")
        List<String> customers();

        @WithDefault("W100,W101,W102,W103,W104,W105,W106,W107,W108,W109,W110,W111")
        List<String> widgets();
    }

    Eeg eeg();

    /** A group of simulated OpenBCI headsets, sent as one stream ({@code eeg}) that takes them in turn. */
    interface Eeg {
        @WithDefault("false")
        boolean autostart();

        @WithDefault("1")
        int headsets();

        /** Headsets are named prefix1..prefixN. */
        @WithDefault("h")
        String idPrefix();

        /** {@code cyton} (8 channels at 250 Hz) or {@code cyton-daisy} (16 at 125 Hz). */
        @WithDefault("cyton")
        Montage montage();

        /** Samples per frame and channel. */
        @WithDefault("25")
        int frameSamples();

        /** The mains line frequency the electrodes pick up: 50 or 60. */
        @WithDefault("50")
        int mainsHz();

        /** Frames per second for the whole group; unset, every headset streams in real time. */
        Optional<Double> rate();

        /** Makes the signals repeatable; unset, every start of the service draws new headsets. */
        Optional<Long> seed();

        /** The looping sequence of intended commands, e.g. {@code TAKEOFF:4s,FORWARD:4s,LAND:4s}. */
        @WithDefault("HOVER:4s,TAKEOFF:4s,UP:4s,FORWARD:4s,ROTATE_CW:4s,LEFT:4s,BACK:4s,RIGHT:4s,ROTATE_CCW:4s,DOWN:4s,LAND:4s")
        String script();

        Artefacts artefacts();

        /** Per frame and headset; railing and flat lines hit one random channel for {@code duration}. */
        interface Artefacts {
            @WithDefault("0.001")
            double railingProbability();

            @WithDefault("0.001")
            double flatProbability();

            @WithDefault("0.001")
            double dropProbability();

            @WithDefault("1s")
            Duration duration();
        }
    }
}
