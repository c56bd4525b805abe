package io.streamfleet.simulator.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
