package io.streamfleet.drone.domain;

import java.util.UUID;

/**
 * One decision of the safety policy, as written to {@code drone-commands} (docs/contracts.md): {@code action} SEND
 * means the Tello link sends {@code sdk}; REFUSE is recorded only, {@code sdk} then being what would have been sent
 * (or null) and {@code reason} the rule that refused it. {@code headsetId}, {@code prediction} and
 * {@code confidence} are null for operator, watchdog and keepalive commands.
 */
public record DroneCommand(String commandId, String droneId, String headsetId, Action action, String sdk,
        String reason, String prediction, Double confidence, long issuedAt) {

    public static final String REASON_OPERATOR = "operator";
    public static final String REASON_WATCHDOG = "watchdog";
    public static final String REASON_KEEPALIVE = "keepalive";

    static DroneCommand forPrediction(String droneId, Prediction prediction, Action action, String sdk, String reason,
            long issuedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), droneId, prediction.headsetId(), action, sdk, reason,
                prediction.command().name(), prediction.confidence(), issuedAt);
    }

    static DroneCommand withoutPrediction(String droneId, Action action, String sdk, String reason, long issuedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), droneId, null, action, sdk, reason, null, null, issuedAt);
    }

    public boolean isSend() {
        return action == Action.SEND;
    }

    /** Came from a prediction: its end-to-end latency is measured when it reaches the drone. */
    public boolean isPredictionDriven() {
        return prediction != null;
    }
}
