package io.streamfleet.simulator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamfleet.simulator.domain.eeg.Montage;
import io.streamfleet.simulator.domain.burst.PriorityClass;

@ConfigMapping(prefix = "streamfleet.simulator")
public interface SimulatorConfig {

    /** How often sources are paced; each tick produces what the rate says is due. */
    @WithDefault("50ms")
    Duration tick();

    /** Records handed to the producers and not yet acknowledged, over all sources; beyond that the outbox fills. */
    @WithDefault("1000")
    int maxInFlight();

    /** The highest rate an operator may set on one source (records per second). */
    @WithDefault("10000")
    double maxRate();

    Burst burst();

    Orders orders();

    Satellites satellites();

    Sensors sensors();

    Wearable wearable();

    /** Burst protection: defaults for every source, and per-stream overrides. */
    interface Burst {
        /** Rate limit per source, messages per second. */
        @WithDefault("100")
        double messagesPerSecond();

        /** Rate limit per source, bytes per second (10 MB). */
        @WithDefault("10485760")
        double bytesPerSecond();

        /** Fraction of camera frames kept. */
        @WithDefault("0.3")
        double sampleImages();

        /** Fraction of high-rate sensor samples (IMU) kept. */
        @WithDefault("0.1")
        double sampleHighRateSensors();

        /** The outbox shared by all sources holds at most this many records... */
        @WithDefault("10000")
        int queueMaxRecords();

        /** ...and at most this many bytes (32 MB). */
        @WithDefault("33554432")
        long queueMaxBytes();

        /** Bytes handed to the producers and not yet acknowledged, over all sources (8 MB). */
        @WithDefault("8388608")
        long inFlightMaxBytes();

        /** Per stream ({@code streamfleet.simulator.burst.streams."imu-right".sample=1}), each part optional. */
        Map<String, StreamLimits> streams();
    }

    interface StreamLimits {
        Optional<Double> messagesPerSecond();

        Optional<Double> bytesPerSecond();

        /** Fraction of records kept, 0..1. */
        Optional<Double> sample();

        Optional<PriorityClass> priority();
    }

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

    interface Satellites {
        @WithDefault("false")
        boolean autostart();

        /** Satellites SAT-001 ... */
        @WithDefault("3")
        int count();

        /** Readings per second of each satellite. */
        @WithDefault("1")
        double rate();
    }

    interface Sensors {
        @WithDefault("false")
        boolean autostart();

        /** Sensors sensor_1 ... */
        @WithDefault("5")
        int count();

        /** Readings per second of each sensor. */
        @WithDefault("1")
        double rate();
    }

    interface Wearable {
        /** Glasses aria-1 ... */
        @WithDefault("1")
        int devices();

        /** Width and height of the RGB camera's square frames (Aria: 1408). */
        @WithDefault("1408")
        int rgbSize();

        /** Frames rendered per camera at its first start and replayed in a loop. */
        @WithDefault("10")
        int framePool();

        @WithDefault("48000")
        int microphoneSampleRate();

        /** Aria's microphone array has 7 microphones. */
        @WithDefault("7")
        int microphoneChannels();

        /** Per stream ({@code streamfleet.simulator.wearable.streams.camera-rgb.autostart=true}). */
        Map<String, WearableStreamConfig> streams();
    }

    interface WearableStreamConfig {
        Optional<Boolean> autostart();

        /** Records per second per device; defaults to the Aria rate of the stream. */
        Optional<Double> rate();
    }
}
