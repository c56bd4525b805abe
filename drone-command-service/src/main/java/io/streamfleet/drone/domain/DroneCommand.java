package io.streamfleet.drone.domain;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One decision of the safety policy, as written to {@code drone-commands} (docs/contracts.md): {@code action} SEND
 * means the Tello link sends {@code sdk}; REFUSE is recorded only, {@code sdk} then being what would have been sent
 * (or null) and {@code reason} the rule that refused it. {@code headsetId}, {@code prediction}, {@code confidence}
 * and {@code originProducedAt} are null for operator, watchdog, keepalive and failsafe commands;
 * {@code originProducedAt} is when the newest EEG frame behind a prediction's decision was produced (epoch ms), so
 * an auditor can tell the age of the data behind every move.
 */
public record DroneCommand(String commandId, String droneId, String headsetId, Action action, String sdk,
        String reason, String prediction, Double confidence, long issuedAt, Long originProducedAt) {

    public static final String REASON_OPERATOR = "operator";
    public static final String REASON_WATCHDOG = "watchdog";
    public static final String REASON_KEEPALIVE = "keepalive";
    /** Flying with no fresh prediction for {@code silenceLandAfter}: landed by the policy. */
    public static final String REASON_SILENCE = "silence";
    /** The battery fell under the floor while flying: landed by the policy. */
    public static final String REASON_BATTERY = "battery";

    static DroneCommand forPrediction(String droneId, Prediction prediction, Action action, String sdk, String reason,
            long issuedAt, Long originProducedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), droneId, prediction.headsetId(), action, sdk, reason,
                prediction.command().name(), prediction.confidence(), issuedAt, originProducedAt);
    }

    static DroneCommand withoutPrediction(String droneId, Action action, String sdk, String reason, long issuedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), droneId, null, action, sdk, reason, null, null, issuedAt,
                null);
    }

    @JsonIgnore // derived from action: not a wire field
    public boolean isSend() {
        return action == Action.SEND;
    }

    /** Came from a prediction: its end-to-end latency is measured when it reaches the drone. */
    @JsonIgnore // derived from prediction: not a wire field
    public boolean isPredictionDriven() {
        return prediction != null;
    }
}
