package io.streamfleet.drone.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, for one drone, what each prediction, operator order and clock tick turns into. Every call returns a
 * decision to record, refusals included, so the {@code drone-commands} topic is a complete audit trail.
 * <p>
 * Rules for a prediction, in this order (the first that applies decides):
 * <ol>
 * <li>stale (older than {@code maxPredictionAge}): refused, and it does not count as a sign of life;</li>
 * <li>the prediction service already refused it ({@code signal-quality}, {@code low-confidence}) or it is HOVER:
 * refused, nothing sent. The drone holds position by itself once a bounded move ends; sending {@code stop} at
 * prediction rate would flood the command link and queue ahead of a LAND. Silence is what the watchdog handles;</li>
 * <li>confidence below the threshold: refused;</li>
 * <li>emergency-stopped: refused until an operator re-arms the drone by landing it;</li>
 * <li>LAND: sent whenever the drone is not already landed, without waiting for agreement or the rate limit:
 * landing is the safe direction, so one confident LAND is enough;</li>
 * <li>fewer than {@code requiredAgreement} consecutive confident predictions of this command: refused;</li>
 * <li>TAKEOFF only when landed, moves and rotations only when flying: refused otherwise;</li>
 * <li>less than {@code minCommandInterval} since the last prediction-driven command: refused (rate limit);</li>
 * <li>otherwise sent.</li>
 * </ol>
 * Operator EMERGENCY and LAND are always sent, whatever the state and the rate limit; operator TAKEOFF only when
 * landed. A tick sends {@code stop} once per silence when no fresh prediction came for {@code watchdogTimeout} while
 * flying, and a keepalive while flying when nothing was sent for {@code keepaliveInterval}, so the Tello never lands
 * by itself after its 15 s without commands. Thread-safe: predictions, REST calls and ticks arrive on different threads.
 */
public final class SafetyPolicy {

    /** The Tello lands by itself after this long without a command. */
    public static final Duration TELLO_AUTO_LAND = Duration.ofSeconds(15);

    /** The policy's numbers; validated here so that a bad configuration stops the service at startup. */
    public record Settings(double confidenceThreshold, int requiredAgreement, Duration minCommandInterval,
            int moveDistanceCm, int rotateAngleDeg, Duration watchdogTimeout, Duration keepaliveInterval,
            String keepaliveCommand, Duration maxPredictionAge) {

        public Settings {
            if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
                throw new IllegalArgumentException("confidence threshold must be between 0 and 1: " + confidenceThreshold);
            }
            if (requiredAgreement < 1) {
                throw new IllegalArgumentException("required agreement must be at least 1: " + requiredAgreement);
            }
            requirePositive("watchdog timeout", watchdogTimeout);
            requirePositive("keepalive interval", keepaliveInterval);
            requirePositive("max prediction age", maxPredictionAge);
            if (minCommandInterval.isNegative()) {
                throw new IllegalArgumentException("min command interval must not be negative: " + minCommandInterval);
            }
            if (keepaliveInterval.compareTo(TELLO_AUTO_LAND) >= 0) {
                throw new IllegalArgumentException("keepalive interval " + keepaliveInterval
                        + " must be shorter than the Tello's own auto-land after " + TELLO_AUTO_LAND);
            }
            if (keepaliveCommand == null || keepaliveCommand.isBlank()) {
                throw new IllegalArgumentException("keepalive command must not be blank");
            }
            moveDistanceCm = TelloSdk.clampMove(moveDistanceCm);
            rotateAngleDeg = TelloSdk.clampAngle(rotateAngleDeg);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }

    private final String droneId;
    private final Settings settings;
    private final Clock clock;

    private FlightState state = FlightState.LANDED;
    private MentalCommand agreedCommand;
    private int agreement;
    private long lastPredictionCommandAt = Long.MIN_VALUE;
    private long lastSentAt;
    private long lastFreshPredictionAt = Long.MIN_VALUE;
    private long flyingSince;
    private boolean watchdogFiredThisSilence;

    public SafetyPolicy(String droneId, Settings settings, Clock clock) {
        this.droneId = Objects.requireNonNull(droneId);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    public String droneId() {
        return droneId;
    }

    public synchronized FlightState state() {
        return state;
    }

    /**
     * @param producedAt when the prediction was handed to its producer (the record's {@code producedAt} header, or
     *                   the prediction's own {@code predictedAt} when the header is missing), epoch ms
     */
    public synchronized DroneCommand onPrediction(Prediction prediction, long producedAt) {
        long now = clock.millis();
        MentalCommand command = prediction.command();
        String sdk = TelloSdk.forPrediction(command, settings.moveDistanceCm(), settings.rotateAngleDeg());
        long age = now - producedAt;
        if (age > settings.maxPredictionAge().toMillis()) {
            resetAgreement();
            return refuse(prediction, sdk, "stale: prediction is " + age + " ms old, limit "
                    + settings.maxPredictionAge().toMillis() + " ms", now);
        }
        lastFreshPredictionAt = now;
        watchdogFiredThisSilence = false;

        if (Prediction.REASON_SIGNAL_QUALITY.equals(prediction.reason())
                || Prediction.REASON_LOW_CONFIDENCE.equals(prediction.reason())) {
            resetAgreement();
            return refuse(prediction, null, prediction.reason() + ": the prediction service chose to hover", now);
        }
        if (command == MentalCommand.HOVER) {
            resetAgreement();
            return refuse(prediction, null, "hover: no move, the drone holds position", now);
        }
        if (prediction.confidence() < settings.confidenceThreshold()) {
            resetAgreement();
            return refuse(prediction, sdk, "low-confidence: " + decimal(prediction.confidence()) + " < "
                    + decimal(settings.confidenceThreshold()), now);
        }
        if (command == agreedCommand) {
            agreement++;
        } else {
            agreedCommand = command;
            agreement = 1;
        }
        if (state == FlightState.EMERGENCY_STOPPED) {
            return refuse(prediction, sdk, "emergency-stopped: an operator must land the drone to re-arm it", now);
        }
        if (command == MentalCommand.LAND) {
            if (state == FlightState.LANDED) {
                return refuse(prediction, sdk, "wrong-state: LAND while LANDED", now);
            }
            state = FlightState.LANDED;
            return send(prediction, sdk, "prediction LAND " + decimal(prediction.confidence())
                    + " (landing needs no agreement)", now);
        }
        if (agreement < settings.requiredAgreement()) {
            return refuse(prediction, sdk, "not-agreed: " + command + " " + agreement + "/"
                    + settings.requiredAgreement() + " consecutive", now);
        }
        if (command == MentalCommand.TAKEOFF && state != FlightState.LANDED
                || command.isMotion() && state != FlightState.FLYING) {
            return refuse(prediction, sdk, "wrong-state: " + command + " while " + state, now);
        }
        long sinceLast = now - lastPredictionCommandAt;
        if (lastPredictionCommandAt != Long.MIN_VALUE && sinceLast < settings.minCommandInterval().toMillis()) {
            return refuse(prediction, sdk, "rate-limited: " + sinceLast + " ms since the last command, minimum "
                    + settings.minCommandInterval().toMillis() + " ms", now);
        }
        if (command == MentalCommand.TAKEOFF) {
            takeOff(now);
        }
        return send(prediction, sdk, "prediction " + command + " " + decimal(prediction.confidence()) + " agreed "
                + agreement + " times", now);
    }

    /** Operator orders bypass agreement and the rate limit; only TAKEOFF depends on the state. */
    public synchronized DroneCommand onOperator(OperatorCommand command) {
        long now = clock.millis();
        resetAgreement();
        switch (command) {
            case EMERGENCY -> {
                state = FlightState.EMERGENCY_STOPPED;
                return sendWithoutPrediction(TelloSdk.EMERGENCY, DroneCommand.REASON_OPERATOR, now);
            }
            case LAND -> {
                // Always sent: after a restart of this service the drone may fly while we believe it landed.
                state = FlightState.LANDED;
                return sendWithoutPrediction(TelloSdk.LAND, DroneCommand.REASON_OPERATOR, now);
            }
            case TAKEOFF -> {
                if (state != FlightState.LANDED) {
                    return DroneCommand.withoutPrediction(droneId, Action.REFUSE, TelloSdk.TAKEOFF,
                            "operator: wrong-state: TAKEOFF while " + state, now);
                }
                takeOff(now);
                return sendWithoutPrediction(TelloSdk.TAKEOFF, DroneCommand.REASON_OPERATOR, now);
            }
            default -> throw new IllegalArgumentException("unknown operator command " + command);
        }
    }

    /** The watchdog and keepalive; empty when nothing is due. Call it often (every 100 ms or so). */
    public synchronized Optional<DroneCommand> onTick() {
        if (state != FlightState.FLYING) {
            return Optional.empty();
        }
        long now = clock.millis();
        long silenceStart = Math.max(lastFreshPredictionAt, flyingSince);
        if (!watchdogFiredThisSilence && now - silenceStart >= settings.watchdogTimeout().toMillis()) {
            watchdogFiredThisSilence = true;
            resetAgreement();
            return Optional.of(sendWithoutPrediction(TelloSdk.STOP, DroneCommand.REASON_WATCHDOG, now));
        }
        if (now - lastSentAt >= settings.keepaliveInterval().toMillis()) {
            return Optional.of(sendWithoutPrediction(settings.keepaliveCommand(), DroneCommand.REASON_KEEPALIVE, now));
        }
        return Optional.empty();
    }

    private void takeOff(long now) {
        state = FlightState.FLYING;
        flyingSince = now;
        watchdogFiredThisSilence = false;
    }

    private void resetAgreement() {
        agreedCommand = null;
        agreement = 0;
    }

    private DroneCommand send(Prediction prediction, String sdk, String reason, long now) {
        lastPredictionCommandAt = now;
        lastSentAt = now;
        return DroneCommand.forPrediction(droneId, prediction, Action.SEND, sdk, reason, now);
    }

    private DroneCommand sendWithoutPrediction(String sdk, String reason, long now) {
        lastSentAt = now;
        return DroneCommand.withoutPrediction(droneId, Action.SEND, sdk, reason, now);
    }

    private DroneCommand refuse(Prediction prediction, String sdk, String reason, long now) {
        return DroneCommand.forPrediction(droneId, prediction, Action.REFUSE, sdk, reason, now);
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
