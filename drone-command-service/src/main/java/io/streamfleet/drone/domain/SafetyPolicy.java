package io.streamfleet.drone.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

/**
 * Decides, for one drone, what each prediction, operator order and clock tick turns into. Every call returns a
 * decision to record, refusals included, so the {@code drone-commands} topic is a complete audit trail.
 * <p>
 * Rules for a prediction, in this order (the first that applies decides):
 * <ol>
 * <li>the EEG behind it is older than {@code maxPredictionAge}, stamped further in the future than {@code clockSkew},
 * or of unknown age (no {@code originProducedAt}): refused as {@code stale}/{@code future}; it breaks the streak and is
 * no sign of life. Freshness is judged from when the EEG was produced, not from when a stage published its result,
 * so a backlog worked off after a stall never looks fresh;</li>
 * <li>its {@code windowEnd} is missing or not newer than the last accepted one: refused as {@code duplicate}
 * (at-least-once redelivery never counts twice towards agreement). A gap of more than {@code agreementGap} between
 * windows starts the streak over;</li>
 * <li>the prediction service already refused it ({@code signal-quality}, {@code low-confidence}) or it is HOVER:
 * refused, nothing sent. The drone holds position by itself once a bounded move ends; silence is what the watchdog
 * handles;</li>
 * <li>confidence below the threshold: refused;</li>
 * <li>emergency-stopped: refused until an operator re-arms the drone by landing it;</li>
 * <li>LAND: sent whenever the drone is not already landed, without waiting for agreement or the rate limit;</li>
 * <li>fewer than {@code requiredAgreement} consecutive confident predictions of this command: refused;</li>
 * <li>TAKEOFF only when landed, moves and rotations only when flying: refused otherwise;</li>
 * <li>the drone's own state forbids it: no state pushed for {@code stateTimeout} (link down: no takeoff, no move), a
 * battery under {@code minBatteryPercent} (no takeoff), an {@code up} that would pass {@code maxHeightCm};</li>
 * <li>less than {@code minCommandInterval} since the last prediction-driven command: refused (rate limit);</li>
 * <li>otherwise sent.</li>
 * </ol>
 * Operator EMERGENCY and LAND are always sent; operator TAKEOFF only when landed, with the link up and the battery
 * above the floor. Each tick, while flying: the battery under the floor lands ({@code battery}); no fresh prediction
 * for {@code silenceLandAfter} lands ({@code silence}); for {@code watchdogTimeout} sends {@code stop} once per
 * silence; nothing sent for {@code keepaliveInterval} sends the keepalive, so the Tello's own 15 s auto-land never
 * fires while someone is flying it. The belief is reconciled with the state the drone pushes: a flying drone that
 * reports ground height for {@code stateConfirm} (outside {@code transitionGrace} of our own takeoff or land) is
 * LANDED, a landed one that reports height is FLYING. Thread-safe: predictions, REST calls and ticks arrive on
 * different threads.
 */
public final class SafetyPolicy {

    private static final Logger LOG = Logger.getLogger(SafetyPolicy.class);

    /** The Tello lands by itself after this long without a command. */
    public static final Duration TELLO_AUTO_LAND = Duration.ofSeconds(15);

    /** How old the EEG behind a prediction may be, and how predictions line up into a streak. */
    public record Freshness(Duration maxPredictionAge, Duration clockSkew, Duration agreementGap) {

        public Freshness {
            requirePositive("max prediction age", maxPredictionAge);
            requireNotNegative("clock skew", clockSkew);
            requirePositive("agreement gap", agreementGap);
        }
    }

    /** What the drone's own state allows (failsafes and geofence). */
    public record DroneLimits(Duration silenceLandAfter, int maxHeightCm, int minBatteryPercent,
            Duration stateTimeout, Duration stateConfirm, Duration transitionGrace, int groundHeightCm) {

        public DroneLimits {
            requirePositive("silence land-after", silenceLandAfter);
            requirePositive("state timeout", stateTimeout);
            requirePositive("state confirm", stateConfirm);
            requireNotNegative("transition grace", transitionGrace);
            if (maxHeightCm <= 0) {
                throw new IllegalArgumentException("max height must be positive: " + maxHeightCm);
            }
            if (minBatteryPercent < 0 || minBatteryPercent > 100) {
                throw new IllegalArgumentException("min battery must be 0..100 %: " + minBatteryPercent);
            }
            if (groundHeightCm < 0 || groundHeightCm >= maxHeightCm) {
                throw new IllegalArgumentException("ground height must be 0.." + maxHeightCm + ": " + groundHeightCm);
            }
        }
    }

    /** The policy's numbers; validated here so that a bad configuration stops the service at startup. */
    public record Settings(double confidenceThreshold, int requiredAgreement, Duration minCommandInterval,
            int moveDistanceCm, int rotateAngleDeg, Duration watchdogTimeout, Duration keepaliveInterval,
            String keepaliveCommand, Freshness freshness, DroneLimits limits) {

        public Settings {
            if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
                throw new IllegalArgumentException("confidence threshold must be between 0 and 1: " + confidenceThreshold);
            }
            if (requiredAgreement < 1) {
                throw new IllegalArgumentException("required agreement must be at least 1: " + requiredAgreement);
            }
            requirePositive("watchdog timeout", watchdogTimeout);
            requirePositive("keepalive interval", keepaliveInterval);
            requireNotNegative("min command interval", minCommandInterval);
            if (keepaliveInterval.compareTo(TELLO_AUTO_LAND) >= 0) {
                throw new IllegalArgumentException("keepalive interval " + keepaliveInterval
                        + " must be shorter than the Tello's own auto-land after " + TELLO_AUTO_LAND);
            }
            if (keepaliveCommand == null || keepaliveCommand.isBlank()) {
                throw new IllegalArgumentException("keepalive command must not be blank");
            }
            Objects.requireNonNull(freshness, "freshness");
            Objects.requireNonNull(limits, "limits");
            if (limits.silenceLandAfter().compareTo(watchdogTimeout) <= 0) {
                throw new IllegalArgumentException("silence land-after " + limits.silenceLandAfter()
                        + " must be longer than the watchdog timeout " + watchdogTimeout);
            }
            moveDistanceCm = TelloSdk.clampMove(moveDistanceCm);
            rotateAngleDeg = TelloSdk.clampAngle(rotateAngleDeg);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    private final String droneId;
    private final Settings settings;
    private final DroneTelemetry telemetry;
    private final Clock clock;

    private FlightState state = FlightState.LANDED;
    private MentalCommand agreedCommand;
    private int agreement;
    private long lastPredictionCommandAt = Long.MIN_VALUE;
    private long lastSentAt;
    private long lastFreshPredictionAt = Long.MIN_VALUE;
    private long lastWindowEnd = Long.MIN_VALUE;
    private long flyingSince;
    private long lastTransitionAt = Long.MIN_VALUE;
    private long groundSince = Long.MIN_VALUE;
    private long airborneSince = Long.MIN_VALUE;
    private boolean watchdogFiredThisSilence;

    public SafetyPolicy(String droneId, Settings settings, DroneTelemetry telemetry, Clock clock) {
        this.droneId = Objects.requireNonNull(droneId);
        this.settings = Objects.requireNonNull(settings);
        this.telemetry = Objects.requireNonNull(telemetry);
        this.clock = Objects.requireNonNull(clock);
    }

    public String droneId() {
        return droneId;
    }

    public synchronized FlightState state() {
        return state;
    }

    /** True while the drone pushed its state within {@code stateTimeout}: the policy can see what it does. */
    public boolean linkUp() {
        long stateAt = telemetry.stateAt();
        return stateAt > 0 && clock.millis() - stateAt <= settings.limits().stateTimeout().toMillis();
    }

    /**
     * @param originProducedAt when the newest EEG frame behind the prediction was produced (the record's
     *                         {@code originProducedAt} header), epoch ms; empty when the record did not say
     */
    public synchronized DroneCommand onPrediction(Prediction prediction, OptionalLong originProducedAt) {
        long now = clock.millis();
        MentalCommand command = prediction.command();
        String sdk = TelloSdk.forPrediction(command, settings.moveDistanceCm(), settings.rotateAngleDeg());
        Long origin = originProducedAt.isPresent() ? originProducedAt.getAsLong() : null;
        String unfresh = unfresh(origin, now);
        if (unfresh != null) {
            resetAgreement();
            return refuse(prediction, sdk, unfresh, now, origin);
        }
        if (lastFreshPredictionAt != Long.MIN_VALUE
                && now - lastFreshPredictionAt > settings.freshness().maxPredictionAge().toMillis()) {
            // Anything that could duplicate the last window is stale by now: a headset whose clock restarted lower
            // must not be locked out by its old windowEnd.
            lastWindowEnd = Long.MIN_VALUE;
        }
        Long windowEnd = prediction.windowEnd();
        if (windowEnd == null || windowEnd <= lastWindowEnd) {
            return refuse(prediction, sdk, "duplicate: window ending " + windowEnd
                    + " is not newer than the last one, " + lastWindowEnd, now, origin);
        }
        if (lastWindowEnd != Long.MIN_VALUE
                && windowEnd - lastWindowEnd > settings.freshness().agreementGap().toMillis()) {
            resetAgreement();
        }
        lastWindowEnd = windowEnd;
        lastFreshPredictionAt = now;
        watchdogFiredThisSilence = false;

        if (Prediction.REASON_SIGNAL_QUALITY.equals(prediction.reason())
                || Prediction.REASON_LOW_CONFIDENCE.equals(prediction.reason())) {
            resetAgreement();
            return refuse(prediction, null, prediction.reason() + ": the prediction service chose to hover", now,
                    origin);
        }
        if (command == MentalCommand.HOVER) {
            resetAgreement();
            return refuse(prediction, null, "hover: no move, the drone holds position", now, origin);
        }
        if (prediction.confidence() < settings.confidenceThreshold()) {
            resetAgreement();
            return refuse(prediction, sdk, "low-confidence: " + decimal(prediction.confidence()) + " < "
                    + decimal(settings.confidenceThreshold()), now, origin);
        }
        if (command == agreedCommand) {
            agreement++;
        } else {
            agreedCommand = command;
            agreement = 1;
        }
        if (state == FlightState.EMERGENCY_STOPPED) {
            return refuse(prediction, sdk, "emergency-stopped: an operator must land the drone to re-arm it", now,
                    origin);
        }
        if (command == MentalCommand.LAND) {
            if (state == FlightState.LANDED) {
                return refuse(prediction, sdk, "wrong-state: LAND while LANDED", now, origin);
            }
            land(now);
            return send(prediction, sdk, "prediction LAND " + decimal(prediction.confidence())
                    + " (landing needs no agreement)", now, origin);
        }
        if (agreement < settings.requiredAgreement()) {
            return refuse(prediction, sdk, "not-agreed: " + command + " " + agreement + "/"
                    + settings.requiredAgreement() + " consecutive", now, origin);
        }
        if (command == MentalCommand.TAKEOFF && state != FlightState.LANDED
                || command.isMotion() && state != FlightState.FLYING) {
            return refuse(prediction, sdk, "wrong-state: " + command + " while " + state, now, origin);
        }
        String forbidden = forbiddenByDroneState(command, now);
        if (forbidden != null) {
            return refuse(prediction, sdk, forbidden, now, origin);
        }
        long sinceLast = now - lastPredictionCommandAt;
        if (lastPredictionCommandAt != Long.MIN_VALUE && sinceLast < settings.minCommandInterval().toMillis()) {
            return refuse(prediction, sdk, "rate-limited: " + sinceLast + " ms since the last command, minimum "
                    + settings.minCommandInterval().toMillis() + " ms", now, origin);
        }
        if (command == MentalCommand.TAKEOFF) {
            takeOff(now);
        }
        return send(prediction, sdk, "prediction " + command + " " + decimal(prediction.confidence()) + " agreed "
                + agreement + " times", now, origin);
    }

    /** Operator orders bypass agreement and the rate limit; TAKEOFF depends on the state, the link and the battery. */
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
                land(now);
                return sendWithoutPrediction(TelloSdk.LAND, DroneCommand.REASON_OPERATOR, now);
            }
            case TAKEOFF -> {
                String forbidden = state != FlightState.LANDED ? "wrong-state: TAKEOFF while " + state
                        : forbiddenByDroneState(MentalCommand.TAKEOFF, now);
                if (forbidden != null) {
                    return DroneCommand.withoutPrediction(droneId, Action.REFUSE, TelloSdk.TAKEOFF,
                            DroneCommand.REASON_OPERATOR + ": " + forbidden, now);
                }
                takeOff(now);
                return sendWithoutPrediction(TelloSdk.TAKEOFF, DroneCommand.REASON_OPERATOR, now);
            }
            default -> throw new IllegalArgumentException("unknown operator command " + command);
        }
    }

    /**
     * Failsafes, the watchdog and the keepalive; empty when nothing is due. Call it often (every 100 ms or so): it also
     * reconciles the belief with the drone's pushed state.
     */
    public synchronized Optional<DroneCommand> onTick() {
        long now = clock.millis();
        reconcile(now);
        if (state != FlightState.FLYING) {
            return Optional.empty();
        }
        OptionalInt battery = telemetry.batteryPercent();
        if (linkUp() && battery.isPresent() && battery.getAsInt() < settings.limits().minBatteryPercent()) {
            resetAgreement();
            land(now);
            return Optional.of(sendWithoutPrediction(TelloSdk.LAND, DroneCommand.REASON_BATTERY + ": "
                    + battery.getAsInt() + " % < " + settings.limits().minBatteryPercent() + " %", now));
        }
        long silenceStart = Math.max(lastFreshPredictionAt, flyingSince);
        long silence = now - silenceStart;
        if (silence >= settings.limits().silenceLandAfter().toMillis()) {
            resetAgreement();
            land(now);
            return Optional.of(sendWithoutPrediction(TelloSdk.LAND, DroneCommand.REASON_SILENCE + ": no fresh "
                    + "prediction for " + silence + " ms", now));
        }
        if (!watchdogFiredThisSilence && silence >= settings.watchdogTimeout().toMillis()) {
            watchdogFiredThisSilence = true;
            resetAgreement();
            return Optional.of(sendWithoutPrediction(TelloSdk.STOP, DroneCommand.REASON_WATCHDOG, now));
        }
        if (now - lastSentAt >= settings.keepaliveInterval().toMillis()) {
            return Optional.of(sendWithoutPrediction(settings.keepaliveCommand(), DroneCommand.REASON_KEEPALIVE, now));
        }
        return Optional.empty();
    }

    private String unfresh(Long origin, long now) {
        if (origin == null) {
            return "stale: no originProducedAt, the age of the EEG behind it is unknown";
        }
        long age = now - origin;
        long maxAge = settings.freshness().maxPredictionAge().toMillis();
        if (age > maxAge) {
            return "stale: EEG is " + age + " ms old, limit " + maxAge + " ms";
        }
        long skew = settings.freshness().clockSkew().toMillis();
        if (-age > skew) {
            return "future: EEG stamped " + -age + " ms ahead, allowed clock skew " + skew + " ms";
        }
        return null;
    }

    /** Null when the drone's pushed state allows {@code command}, else the refusal reason. */
    private String forbiddenByDroneState(MentalCommand command, long now) {
        if (command != MentalCommand.TAKEOFF && !command.isMotion()) {
            return null;
        }
        if (!linkUp()) {
            long stateAt = telemetry.stateAt();
            return "link-down: " + (stateAt == 0 ? "no state from the drone yet"
                    : "no state from the drone for " + (now - stateAt) + " ms");
        }
        DroneLimits limits = settings.limits();
        OptionalInt battery = telemetry.batteryPercent();
        if (command == MentalCommand.TAKEOFF && (battery.isEmpty() || battery.getAsInt() < limits.minBatteryPercent())) {
            return "battery: " + (battery.isEmpty() ? "unknown" : battery.getAsInt() + " %") + " < "
                    + limits.minBatteryPercent() + " %";
        }
        OptionalInt height = telemetry.heightCm();
        if (command == MentalCommand.UP && (height.isEmpty()
                || height.getAsInt() + settings.moveDistanceCm() > limits.maxHeightCm())) {
            return "ceiling: " + (height.isEmpty() ? "height unknown" : height.getAsInt() + " cm + "
                    + settings.moveDistanceCm() + " cm") + " > " + limits.maxHeightCm() + " cm";
        }
        return null;
    }

    /** The drone's pushed height overrides our belief once it has said the same for {@code stateConfirm}. */
    private void reconcile(long now) {
        DroneLimits limits = settings.limits();
        OptionalInt height = telemetry.heightCm();
        // The grace runs from when our takeoff or land left for the drone, if it has (it may wait behind a slow one).
        long transitionAt = lastTransitionAt;
        DroneTelemetry.SentCommand last = telemetry.lastCommand();
        if (last != null && (TelloSdk.TAKEOFF.equals(last.sdk()) || TelloSdk.LAND.equals(last.sdk()))) {
            transitionAt = Math.max(transitionAt, last.sentAt());
        }
        if (!linkUp() || height.isEmpty() || state == FlightState.EMERGENCY_STOPPED
                || transitionAt != Long.MIN_VALUE && now - transitionAt < limits.transitionGrace().toMillis()) {
            groundSince = Long.MIN_VALUE;
            airborneSince = Long.MIN_VALUE;
            return;
        }
        boolean onGround = height.getAsInt() <= limits.groundHeightCm();
        groundSince = onGround ? (groundSince == Long.MIN_VALUE ? now : groundSince) : Long.MIN_VALUE;
        airborneSince = onGround ? Long.MIN_VALUE : (airborneSince == Long.MIN_VALUE ? now : airborneSince);
        long confirm = limits.stateConfirm().toMillis();
        if (state == FlightState.FLYING && groundSince != Long.MIN_VALUE && now - groundSince >= confirm) {
            LOG.warnf("drone %s reports %d cm for %d ms: it landed by itself, now LANDED", droneId,
                    height.getAsInt(), now - groundSince);
            state = FlightState.LANDED;
            resetAgreement();
        } else if (state == FlightState.LANDED && airborneSince != Long.MIN_VALUE && now - airborneSince >= confirm) {
            LOG.warnf("drone %s reports %d cm for %d ms although believed landed: now FLYING", droneId,
                    height.getAsInt(), now - airborneSince);
            takeOff(now);
            lastTransitionAt = Long.MIN_VALUE;
        }
    }

    private void takeOff(long now) {
        state = FlightState.FLYING;
        flyingSince = now;
        lastTransitionAt = now;
        watchdogFiredThisSilence = false;
    }

    private void land(long now) {
        state = FlightState.LANDED;
        lastTransitionAt = now;
    }

    private void resetAgreement() {
        agreedCommand = null;
        agreement = 0;
    }

    private DroneCommand send(Prediction prediction, String sdk, String reason, long now, Long origin) {
        lastPredictionCommandAt = now;
        lastSentAt = now;
        return DroneCommand.forPrediction(droneId, prediction, Action.SEND, sdk, reason, now, origin);
    }

    private DroneCommand sendWithoutPrediction(String sdk, String reason, long now) {
        lastSentAt = now;
        return DroneCommand.withoutPrediction(droneId, Action.SEND, sdk, reason, now);
    }

    private DroneCommand refuse(Prediction prediction, String sdk, String reason, long now, Long origin) {
        return DroneCommand.forPrediction(droneId, prediction, Action.REFUSE, sdk, reason, now, origin);
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
