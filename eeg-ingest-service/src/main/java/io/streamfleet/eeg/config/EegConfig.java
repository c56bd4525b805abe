package io.streamfleet.eeg.config;

import java.time.Duration;
import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of eeg-ingest-service; topic names live with their channels under {@code mp.messaging}. */
@ConfigMapping(prefix = "streamfleet.eeg")
public interface EegConfig {

    Gateway gateway();

    Frames frames();

    Window window();

    Filter filter();

    Quality quality();

    Headsets headsets();

    /**
     * A frame produced longer ago than this when it is consumed completes no published window: after a stall the
     * backlog is jumped, not replayed into the air (its default lives in application.properties only).
     */
    Duration maxFrameAge();

    /** How far a frame's production time may lie ahead of this instance's clock before it counts as future-dated. */
    Duration clockSkew();

    /** POST /eeg/{headsetId}/frames. */
    interface Gateway {
        /** How long the gateway waits for the broker's acknowledgement of a request's frames before answering 503. */
        @WithDefault("5s")
        Duration publishTimeout();

        @WithDefault("100")
        int maxFramesPerRequest();

        /** Larger bodies are answered 400 naming {@code body}; quarkus.http.limits.max-body-size is the hard cap. */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    /** What a valid frame is, for the gateway and the processor alike. */
    interface Frames {
        /** The sample rates the filters are designed for: Cyton 250 Hz, Cyton+Daisy 125 Hz. */
        @WithDefault("250,125")
        List<Integer> supportedSampleRates();

        @WithDefault("32")
        int maxChannels();

        @WithDefault("1000")
        int maxSamplesPerFrame();

        /** headsetId (path and body) and channel names longer than this are answered 400 / dead-lettered. */
        @WithDefault("128")
        int maxIdLength();
    }

    /** The sliding window: 2 s long, a new window every 200 ms (whole samples at 250 and 125 Hz). */
    interface Window {
        @WithDefault("2s")
        Duration length();

        @WithDefault("200ms")
        Duration hop();
    }

    /** Per-channel conditioning before band powers. */
    interface Filter {
        /** 50 Hz (Europe, most of Asia) or 60 Hz (Americas). */
        @WithDefault("50")
        double mainsHz();

        @WithDefault("30")
        double notchQ();

        @WithDefault("1")
        double lowCutHz();

        @WithDefault("45")
        double highCutHz();
    }

    /** Signal-quality flags. */
    interface Quality {
        /** |µV| at or above which a channel counts as railing; the Cyton's ADC ends at ±187,500 µV. */
        @WithDefault("187000")
        double railingMicrovolts();

        /** Variance (µV²) over a window below which a channel counts as flat. */
        @WithDefault("0.01")
        double flatVarianceMicrovolts2();
    }

    /** Per-headset state. */
    interface Headsets {
        /** A headset silent this long is forgotten (its window and its REST entry). */
        @WithDefault("5m")
        Duration idleTimeout();

        /** The interval over which GET /eeg/headsets reports frames per second. */
        @WithDefault("10s")
        Duration rateInterval();
    }
}
