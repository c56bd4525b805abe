package io.streamfleet.drone.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of drone-command-service; topic names live with their channels under {@code mp.messaging}. */
@ConfigMapping(prefix = "streamfleet.drone")
public interface DroneConfig {

    /**
     * The drones, by id: {@code streamfleet.drone.drones."tello-1".address=192.168.10.1}, {@code .command-port},
     * {@code .headset} (the headset whose predictions fly it) and {@code .linked} (this instance's Tello link talks
     * to it).
     */
    Map<String, Drone> drones();

    Policy policy();

    Link link();

    /** How often the watchdog and keepalive are evaluated. */
    @WithDefault("100ms")
    Duration tick();

    interface Drone {
        String address();

        @WithDefault("8889")
        int commandPort();

        Optional<String> headset();

        @WithDefault("true")
        boolean linked();
    }

    /** The safety policy's numbers (see SafetyPolicy). */
    interface Policy {
        @WithDefault("0.8")
        double confidenceThreshold();

        /** Consecutive confident predictions of one command before it is acted on. */
        @WithDefault("3")
        int requiredAgreement();

        /** At most one prediction-driven command per interval (LAND and operator orders are exempt). */
        @WithDefault("1s")
        Duration minCommandInterval();

        /** Clamped to the SDK's 20-500 cm. */
        @WithDefault("30")
        int moveDistanceCm();

        /** Clamped to the SDK's 1-360 degrees. */
        @WithDefault("90")
        int rotateAngleDeg();

        /** No fresh prediction for this long while flying: {@code stop} (hover), once per silence. */
        @WithDefault("1500ms")
        Duration watchdogTimeout();

        /** Nothing sent for this long while flying: the keepalive command. Must stay under the Tello's 15 s. */
        @WithDefault("10s")
        Duration keepaliveInterval();

        @WithDefault("command")
        String keepaliveCommand();

        /** Predictions older than this are refused (a replayed or delayed backlog must not fly the drone). */
        @WithDefault("2s")
        Duration maxPredictionAge();
    }

    /** The Tello UDP link. */
    interface Link {
        /** Where the drones push their state (the Tello sends it to port 8890 of the host that sent "command"). */
        @WithDefault("0.0.0.0")
        String stateListenAddress();

        @WithDefault("8890")
        int stateListenPort();

        /** How long to wait for the drone's answer; the Tello answers a move only once it has finished it. */
        @WithDefault("7s")
        Duration ackTimeout();

        /** Extra attempts for commands that are safe to repeat (never moves, emergency or rc). */
        @WithDefault("2")
        int retries();

        /** Commands older than this when their turn comes are not sent (land excepted): a stale move is a hazard. */
        @WithDefault("3s")
        Duration maxCommandAge();
    }
}
