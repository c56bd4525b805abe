package io.streamfleet.drone.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of drone-command-service; topic names live with their channels under {@code mp.messaging}. Every default
 * is stated once, in application.properties (with its environment variable), except the per-drone ones below.
 */
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

    /** How often the watchdog, the failsafes and the keepalive are evaluated. */
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
        double confidenceThreshold();

        /** Consecutive confident predictions of one command before it is acted on. */
        int requiredAgreement();

        /** At most one prediction-driven command per interval (LAND and operator orders are exempt). */
        Duration minCommandInterval();

        /** Clamped to the SDK's 20-500 cm. */
        int moveDistanceCm();

        /** Clamped to the SDK's 1-360 degrees. */
        int rotateAngleDeg();

        /** No fresh prediction for this long while flying: {@code stop} (hover), once per silence. */
        Duration watchdogTimeout();

        /** Nothing sent for this long while flying: the keepalive command. Must stay under the Tello's 15 s. */
        Duration keepaliveInterval();

        String keepaliveCommand();

        /** Predictions whose EEG (originProducedAt) is older than this are refused. */
        Duration maxPredictionAge();

        /** How far ahead of this host's clock a timestamp may be before it is refused as from the future. */
        Duration clockSkew();

        /** More than this between two windows' ends starts the agreement streak over. */
        Duration agreementGap();

        /** Flying with no fresh prediction for this long: land (reason silence). */
        Duration silenceLandAfter();

        /** An {@code up} that would take the drone above this height is refused. */
        int maxHeightCm();

        /** No takeoff below this battery level; land when it falls below while flying (reason battery). */
        int minBatteryPercent();

        /** No state pushed by the drone for this long: link DOWN, no takeoff and no move. */
        Duration stateTimeout();

        /** How long the drone's pushed height must contradict the policy's belief before the belief follows it. */
        Duration stateConfirm();

        /** After our own takeoff or land, the drone climbs or descends for a while: no reconciliation meanwhile. */
        Duration transitionGrace();

        /** A pushed height at or below this is on the ground. */
        int groundHeightCm();
    }

    /** The Tello UDP link. */
    interface Link {
        /** Where the drones push their state (the Tello sends it to port 8890 of the host that sent "command"). */
        String stateListenAddress();

        int stateListenPort();

        /** How long to wait for the drone's answer; the Tello answers a move only once it has finished it. */
        Duration ackTimeout();

        /** Extra attempts for commands that are safe to repeat (never moves or emergency). */
        int retries();

        /** Commands decided longer ago than this are not sent: a stale command is a hazard. */
        Duration maxCommandAge();

        /** How many times {@code emergency} is fired (it is idempotent; a datagram can be lost). */
        int emergencyRepeats();

        Duration emergencyRepeatInterval();

        /** While the drone pushes no state and nothing is queued, SDK mode is requested this often. */
        Duration idleHandshakeInterval();

        /** The file of command ids already sent, so a replay after a restart never sends one twice. */
        Path sentLog();

        /** How many sent command ids are remembered. */
        int sentLogCapacity();

        /**
         * The key every drone-commands record is signed with (HMAC-SHA256); the link acts only on records it verifies.
         * Unset: a random key per process (one instance decides and links). Instances that link drones for each other
         * share one.
         */
        Optional<String> signingKey();
    }
}
