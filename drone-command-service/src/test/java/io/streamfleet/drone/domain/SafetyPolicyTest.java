package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetyPolicyTest {

    static final double THRESHOLD = 0.8;
    static final int AGREEMENT = 3;
    static final Duration INTERVAL = Duration.ofMillis(1000);
    static final Duration WATCHDOG = Duration.ofMillis(1500);
    static final Duration KEEPALIVE = Duration.ofSeconds(10);
    static final Duration MAX_AGE = Duration.ofSeconds(2);
    static final Duration SKEW = Duration.ofMillis(500);
    static final Duration GAP = Duration.ofSeconds(1);
    static final Duration SILENCE = Duration.ofSeconds(30);
    static final SafetyPolicy.Freshness FRESHNESS = new SafetyPolicy.Freshness(MAX_AGE, SKEW, GAP);
    static final SafetyPolicy.DroneLimits LIMITS = new SafetyPolicy.DroneLimits(SILENCE, 300, 20,
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(8), 10);

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        long millis = 1_713_763_500_000L;
        Runnable onAdvance = () -> { };

        void advance(long ms) {
            millis += ms;
            onAdvance.run();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();
    final DroneTelemetry telemetry = new DroneTelemetry();
    SafetyPolicy policy = policy(settings(30, 90));
    /** What the drone pushes while the clock moves: by default a healthy drone whose height follows the belief. */
    int battery = 87;
    Integer pushedHeight;
    boolean pushing = true;
    long windowEnd = 1_713_763_400_000L;

    {
        clock.onAdvance = this::push;
        push();
    }

    void push() {
        if (pushing) {
            int height = pushedHeight != null ? pushedHeight : policy.state() == FlightState.FLYING ? 80 : 0;
            telemetry.stateReceived(TelloState.parse("h:" + height + ";bat:" + battery + ";"), clock.millis());
        }
    }

    static SafetyPolicy.Settings settings(int moveCm, int angleDeg) {
        return new SafetyPolicy.Settings(THRESHOLD, AGREEMENT, INTERVAL, moveCm, angleDeg, WATCHDOG, KEEPALIVE,
                "command", FRESHNESS, LIMITS);
    }

    SafetyPolicy policy(SafetyPolicy.Settings settings) {
        return new SafetyPolicy("tello-1", settings, telemetry, clock);
    }

    /** The next window, 200 ms after the last one, as eeg-ingest produces them. */
    Prediction prediction(MentalCommand command, double confidence) {
        return prediction(command, confidence, "model");
    }

    Prediction prediction(MentalCommand command, double confidence, String reason) {
        windowEnd += 200;
        return new Prediction("h1", windowEnd, command, confidence, "bandpower-lda", "1", 1L, reason);
    }

    /** A prediction on EEG produced at {@code originProducedAt}. */
    DroneCommand predictOn(Prediction prediction, long originProducedAt) {
        return policy.onPrediction(prediction, OptionalLong.of(originProducedAt));
    }

    DroneCommand predict(MentalCommand command) {
        return predict(command, 0.9);
    }

    DroneCommand predict(MentalCommand command, double confidence) {
        return predictOn(prediction(command, confidence), clock.millis());
    }

    /** Sends {@code AGREEMENT} confident predictions and returns the last decision. */
    DroneCommand agreed(MentalCommand command) {
        DroneCommand last = null;
        for (int i = 0; i < AGREEMENT; i++) {
            last = predict(command);
        }
        return last;
    }

    void flying() {
        assertSent(agreed(MentalCommand.TAKEOFF), "takeoff");
        assertEquals(FlightState.FLYING, policy.state());
        clock.advance(INTERVAL.toMillis());
    }

    static void assertSent(DroneCommand command, String sdk) {
        assertEquals(Action.SEND, command.action(), command.reason());
        assertEquals(sdk, command.sdk());
    }

    static void assertRefused(DroneCommand command, String reasonPrefix) {
        assertEquals(Action.REFUSE, command.action());
        assertTrue(command.reason().startsWith(reasonPrefix), command.reason());
    }

    @Nested
    class Agreement {

        @Test
        void actsOnlyOnTheNthConsecutiveAgreeingPrediction() {
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 2/3");
            DroneCommand third = predict(MentalCommand.TAKEOFF);
            assertSent(third, "takeoff");
            assertEquals("prediction TAKEOFF 0.9 agreed 3 times", third.reason());
        }

        @Test
        void aDifferentCommandRestartsTheCount() {
            flying();
            predict(MentalCommand.FORWARD);
            predict(MentalCommand.FORWARD);
            assertRefused(predict(MentalCommand.LEFT), "not-agreed: LEFT 1/3");
            assertRefused(predict(MentalCommand.FORWARD), "not-agreed: FORWARD 1/3");
        }

        @Test
        void aLowConfidencePredictionBreaksTheStreak() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            assertRefused(predict(MentalCommand.TAKEOFF, 0.5), "low-confidence");
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }

        @Test
        void aHoverBreaksTheStreak() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.HOVER);
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }

        @Test
        void agreementOfOneActsAtOnce() {
            policy = policy(new SafetyPolicy.Settings(THRESHOLD, 1, INTERVAL, 30, 90, WATCHDOG, KEEPALIVE, "command",
                    FRESHNESS, LIMITS));
            assertSent(predict(MentalCommand.TAKEOFF), "takeoff");
        }

        @Test
        void aContinuedStreakActsAgainOncePerInterval() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            assertRefused(predict(MentalCommand.FORWARD), "rate-limited");
            clock.advance(INTERVAL.toMillis());
            assertSent(predict(MentalCommand.FORWARD), "forward 30");
        }
    }

    @Nested
    class Confidence {

        @Test
        void exactlyTheThresholdCounts() {
            predict(MentalCommand.TAKEOFF, THRESHOLD);
            predict(MentalCommand.TAKEOFF, THRESHOLD);
            assertSent(predict(MentalCommand.TAKEOFF, THRESHOLD), "takeoff");
        }

        @Test
        void justBelowTheThresholdIsRefusedWithTheNumbers() {
            DroneCommand refused = predict(MentalCommand.TAKEOFF, 0.7999);
            assertRefused(refused, "low-confidence: 0.7999 < 0.8");
            assertEquals("takeoff", refused.sdk(), "a refusal records what would have been sent");
            assertEquals(0.7999, refused.confidence());
            assertEquals("TAKEOFF", refused.prediction());
            assertEquals("h1", refused.headsetId());
        }

        @Test
        void lowConfidenceLandIsRefusedToo() {
            flying();
            assertRefused(predict(MentalCommand.LAND, 0.3), "low-confidence");
            assertEquals(FlightState.FLYING, policy.state());
        }
    }

    @Nested
    class PredictionServiceReasons {

        @ParameterizedTest
        @EnumSource(value = MentalCommand.class, names = { "HOVER", "FORWARD" })
        void signalQualityIsRefusedWhateverTheCommand(MentalCommand command) {
            flying();
            for (int i = 0; i < AGREEMENT + 1; i++) {
                DroneCommand decision = predictOn(prediction(command, 0.99, "signal-quality"), clock.millis());
                assertRefused(decision, "signal-quality");
                assertNull(decision.sdk());
            }
        }

        @Test
        void lowConfidenceFromThePredictionServiceIsRefused() {
            assertRefused(predictOn(prediction(MentalCommand.HOVER, 0.4, "low-confidence"), clock.millis()),
                    "low-confidence");
        }

        @Test
        void fallbackModelPredictionsAreAcceptedLikeModelOnes() {
            for (int i = 0; i < AGREEMENT - 1; i++) {
                predictOn(prediction(MentalCommand.TAKEOFF, 0.9, "fallback"), clock.millis());
            }
            assertSent(predictOn(prediction(MentalCommand.TAKEOFF, 0.9, "fallback"), clock.millis()),
                    "takeoff");
        }

        @Test
        void hoverSendsNothingEvenWhenConfidentAndAgreed() {
            flying();
            for (int i = 0; i < AGREEMENT + 2; i++) {
                DroneCommand decision = predict(MentalCommand.HOVER, 0.99);
                assertRefused(decision, "hover");
                assertNull(decision.sdk());
            }
        }
    }

    @Nested
    class StateMachine {

        @ParameterizedTest
        @EnumSource(value = MentalCommand.class, names = { "UP", "DOWN", "LEFT", "RIGHT", "FORWARD", "BACK",
                "ROTATE_CW", "ROTATE_CCW" })
        void movesAreRefusedWhileLanded(MentalCommand command) {
            DroneCommand decision = agreed(command);
            assertRefused(decision, "wrong-state: " + command + " while LANDED");
            assertEquals(FlightState.LANDED, policy.state());
        }

        @Test
        void takeoffIsRefusedWhileFlying() {
            flying();
            assertRefused(agreed(MentalCommand.TAKEOFF), "wrong-state: TAKEOFF while FLYING");
        }

        @Test
        void landFromAPredictionLandsAndNeedsNoAgreement() {
            flying();
            DroneCommand land = predict(MentalCommand.LAND);
            assertSent(land, "land");
            assertEquals(FlightState.LANDED, policy.state());
            assertRefused(agreed(MentalCommand.FORWARD), "wrong-state: FORWARD while LANDED");
        }

        @Test
        void landIsNeverRateLimited() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            assertSent(predict(MentalCommand.LAND), "land");
        }

        @Test
        void landWhileLandedIsRefused() {
            assertRefused(predict(MentalCommand.LAND), "wrong-state: LAND while LANDED");
        }

        @Test
        void operatorEmergencyWinsOverEverythingAndBlocksPredictions() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            DroneCommand emergency = policy.onOperator(OperatorCommand.EMERGENCY);
            assertSent(emergency, "emergency");
            assertEquals("operator", emergency.reason());
            assertNull(emergency.headsetId());
            assertNull(emergency.prediction());
            assertNull(emergency.confidence());
            assertEquals(FlightState.EMERGENCY_STOPPED, policy.state());

            clock.advance(INTERVAL.toMillis());
            assertRefused(agreed(MentalCommand.TAKEOFF), "emergency-stopped");
            assertRefused(predict(MentalCommand.LAND), "emergency-stopped");
            assertRefused(policy.onOperator(OperatorCommand.TAKEOFF), "operator: wrong-state: TAKEOFF while EMERGENCY");
        }

        @Test
        void operatorEmergencyIsSentInEveryState() {
            assertSent(policy.onOperator(OperatorCommand.EMERGENCY), "emergency");
            assertSent(policy.onOperator(OperatorCommand.EMERGENCY), "emergency");
        }

        @Test
        void operatorLandReArmsAfterAnEmergency() {
            flying();
            policy.onOperator(OperatorCommand.EMERGENCY);
            assertSent(policy.onOperator(OperatorCommand.LAND), "land");
            assertEquals(FlightState.LANDED, policy.state());
            assertSent(agreed(MentalCommand.TAKEOFF), "takeoff");
        }

        @Test
        void operatorLandIsSentEvenWhenWeBelieveTheDroneLanded() {
            assertSent(policy.onOperator(OperatorCommand.LAND), "land");
        }

        @Test
        void operatorLandIsNotRateLimited() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            assertSent(policy.onOperator(OperatorCommand.LAND), "land");
        }

        @Test
        void operatorTakeoffOnlyWhenLanded() {
            assertSent(policy.onOperator(OperatorCommand.TAKEOFF), "takeoff");
            assertEquals(FlightState.FLYING, policy.state());
            DroneCommand again = policy.onOperator(OperatorCommand.TAKEOFF);
            assertRefused(again, "operator: wrong-state: TAKEOFF while FLYING");
            assertEquals("takeoff", again.sdk());
        }

        @Test
        void operatorOrdersResetThePredictionStreak() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            policy.onOperator(OperatorCommand.LAND);
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }
    }

    @Nested
    class RateLimit {

        @Test
        void oneCommandPerIntervalWithTheBoundaryAllowed() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            clock.advance(INTERVAL.toMillis() - 1);
            DroneCommand early = agreed(MentalCommand.LEFT);
            assertRefused(early, "rate-limited: 999 ms since the last command, minimum 1000 ms");
            clock.advance(1);
            assertSent(predict(MentalCommand.LEFT), "left 30");
        }

        @Test
        void takeoffStartsTheInterval() {
            assertSent(agreed(MentalCommand.TAKEOFF), "takeoff");
            assertRefused(agreed(MentalCommand.UP), "rate-limited");
        }

        @Test
        void refusalsDoNotRestartTheInterval() {
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
            clock.advance(600);
            assertRefused(predict(MentalCommand.FORWARD), "rate-limited");
            clock.advance(400);
            assertSent(predict(MentalCommand.FORWARD), "forward 30");
        }

        @Test
        void operatorCommandsDoNotConsumeThePredictionInterval() {
            policy.onOperator(OperatorCommand.TAKEOFF);
            assertSent(agreed(MentalCommand.FORWARD), "forward 30");
        }

        @Test
        void zeroIntervalDisablesTheLimit() {
            policy = policy(new SafetyPolicy.Settings(THRESHOLD, 1, Duration.ZERO, 30, 90, WATCHDOG, KEEPALIVE,
                    "command", FRESHNESS, LIMITS));
            assertSent(predict(MentalCommand.TAKEOFF), "takeoff");
            assertSent(predict(MentalCommand.FORWARD), "forward 30");
            assertSent(predict(MentalCommand.FORWARD), "forward 30");
        }
    }

    @Nested
    class Staleness {

        @Test
        void aPredictionOlderThanTheLimitIsRefusedAndBreaksTheStreak() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            long producedAt = clock.millis() - MAX_AGE.toMillis() - 1;
            DroneCommand stale = predictOn(prediction(MentalCommand.TAKEOFF, 0.99), producedAt);
            assertRefused(stale, "stale: EEG is 2001 ms old, limit 2000 ms");
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }

        @Test
        void exactlyTheLimitIsStillFresh() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            assertSent(predictOn(prediction(MentalCommand.TAKEOFF, 0.99), clock.millis() - MAX_AGE.toMillis()),
                    "takeoff");
        }

        @Test
        void staleLandIsRefusedToo() {
            flying();
            assertRefused(predictOn(prediction(MentalCommand.LAND, 0.99), clock.millis() - 60_000), "stale");
            assertEquals(FlightState.FLYING, policy.state());
        }
    }

    @Nested
    class Watchdog {

        @Test
        void silenceWhileFlyingStopsOncePerSilence() {
            flying();
            predict(MentalCommand.HOVER);
            clock.advance(WATCHDOG.toMillis() - 1);
            assertEquals(Optional.empty(), policy.onTick());
            clock.advance(1);
            DroneCommand stop = policy.onTick().orElseThrow();
            assertSent(stop, "stop");
            assertEquals("watchdog", stop.reason());
            assertNull(stop.headsetId());
            clock.advance(WATCHDOG.toMillis() * 3);
            assertEquals(Optional.empty(), policy.onTick(), "one stop per silence");
        }

        @Test
        void aFreshPredictionArmsTheWatchdogAgain() {
            flying();
            clock.advance(WATCHDOG.toMillis());
            assertSent(policy.onTick().orElseThrow(), "stop");
            predict(MentalCommand.HOVER);
            clock.advance(WATCHDOG.toMillis());
            assertSent(policy.onTick().orElseThrow(), "stop");
        }

        @Test
        void stalePredictionsAreNotASignOfLife() {
            flying();
            clock.advance(WATCHDOG.toMillis() - 100);
            predictOn(prediction(MentalCommand.HOVER, 0.9), clock.millis() - MAX_AGE.toMillis() - 1);
            clock.advance(100);
            assertSent(policy.onTick().orElseThrow(), "stop");
        }

        @Test
        void silenceCountsFromTakeoffWhenNoPredictionCameYet() {
            policy.onOperator(OperatorCommand.TAKEOFF);
            clock.advance(WATCHDOG.toMillis() - 1);
            assertEquals(Optional.empty(), policy.onTick());
            clock.advance(1);
            assertSent(policy.onTick().orElseThrow(), "stop");
        }

        @Test
        void nothingHappensWhileLandedOrEmergencyStopped() {
            clock.advance(KEEPALIVE.toMillis() * 2);
            assertEquals(Optional.empty(), policy.onTick());
            policy.onOperator(OperatorCommand.TAKEOFF);
            policy.onOperator(OperatorCommand.EMERGENCY);
            clock.advance(KEEPALIVE.toMillis() * 2);
            assertEquals(Optional.empty(), policy.onTick());
        }

        @Test
        void watchdogStopBreaksTheStreak() {
            flying();
            predict(MentalCommand.FORWARD);
            predict(MentalCommand.FORWARD);
            clock.advance(WATCHDOG.toMillis());
            policy.onTick().orElseThrow();
            assertRefused(predict(MentalCommand.FORWARD), "not-agreed: FORWARD 1/3");
        }
    }

    @Nested
    class Keepalive {

        @Test
        void sentWhenNothingWasSentForTheInterval() {
            flying();
            // predictions keep the watchdog quiet but send nothing
            for (long waited = 0; waited < KEEPALIVE.toMillis() - INTERVAL.toMillis() - 500; waited += 500) {
                clock.advance(500);
                predict(MentalCommand.HOVER);
                assertEquals(Optional.empty(), policy.onTick());
            }
            clock.advance(500);
            predict(MentalCommand.HOVER);
            DroneCommand keepalive = policy.onTick().orElseThrow();
            assertSent(keepalive, "command");
            assertEquals("keepalive", keepalive.reason());
            assertEquals(Optional.empty(), policy.onTick(), "the keepalive itself counts as sent");
        }

        @Test
        void anySentCommandPostponesIt() {
            flying();
            clock.advance(KEEPALIVE.toMillis() - 1000);
            predict(MentalCommand.FORWARD);
            predict(MentalCommand.FORWARD);
            assertSent(predict(MentalCommand.FORWARD), "forward 30");
            clock.advance(1000);
            predict(MentalCommand.HOVER);
            assertEquals(Optional.empty(), policy.onTick());
        }

        @Test
        void followsTheWatchdogStopDuringALongSilence() {
            flying();
            clock.advance(WATCHDOG.toMillis());
            assertSent(policy.onTick().orElseThrow(), "stop");
            clock.advance(KEEPALIVE.toMillis());
            assertSent(policy.onTick().orElseThrow(), "command");
            clock.advance(KEEPALIVE.toMillis());
            assertSent(policy.onTick().orElseThrow(), "command");
        }

        @Test
        void intervalMustBeShorterThanTheTellosAutoLand() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SafetyPolicy.Settings(THRESHOLD, AGREEMENT, INTERVAL, 30, 90, WATCHDOG,
                            Duration.ofSeconds(15), "command", FRESHNESS, LIMITS));
            assertTrue(e.getMessage().contains("auto-land"), e.getMessage());
        }
    }

    @Nested
    class Mapping {

        @Test
        void everyCommandMapsToItsSdkText() {
            flying();
            String[][] expected = { { "UP", "up 30" }, { "DOWN", "down 30" }, { "LEFT", "left 30" },
                    { "RIGHT", "right 30" }, { "FORWARD", "forward 30" }, { "BACK", "back 30" },
                    { "ROTATE_CW", "cw 90" }, { "ROTATE_CCW", "ccw 90" } };
            for (String[] pair : expected) {
                clock.advance(INTERVAL.toMillis());
                assertSent(agreed(MentalCommand.valueOf(pair[0])), pair[1]);
            }
        }

        @Test
        void configuredDistanceAndAngleAreClampedToTheSdkRanges() {
            policy = policy(settings(5, 0));
            flying();
            assertSent(agreed(MentalCommand.FORWARD), "forward 20");
            clock.advance(INTERVAL.toMillis());
            assertSent(agreed(MentalCommand.ROTATE_CCW), "ccw 1");

            policy = policy(settings(900, 720));
            flying();
            assertSent(agreed(MentalCommand.BACK), "back 500");
            clock.advance(INTERVAL.toMillis());
            assertSent(agreed(MentalCommand.ROTATE_CW), "cw 360");
        }
    }

    @Nested
    class SettingsValidation {

        @Test
        void rejectsNonsense() {
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(1.1, AGREEMENT, INTERVAL, 30,
                    90, WATCHDOG, KEEPALIVE, "command", FRESHNESS, LIMITS));
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(THRESHOLD, 0, INTERVAL, 30,
                    90, WATCHDOG, KEEPALIVE, "command", FRESHNESS, LIMITS));
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(THRESHOLD, AGREEMENT,
                    Duration.ofMillis(-1), 30, 90, WATCHDOG, KEEPALIVE, "command", FRESHNESS, LIMITS));
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(THRESHOLD, AGREEMENT,
                    INTERVAL, 30, 90, Duration.ZERO, KEEPALIVE, "command", FRESHNESS, LIMITS));
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(THRESHOLD, AGREEMENT,
                    INTERVAL, 30, 90, WATCHDOG, KEEPALIVE, " ", FRESHNESS, LIMITS));
        }
    }

    @Nested
    class FreshnessFromTheData {

        @Test
        void aBacklogWorkedOffAfterAStallNeverFlies() {
            flying();
            // A stage was frozen for 40 s: every prediction of the backlog arrives within milliseconds, each on EEG
            // that is 40 s old; published just now, they would all have looked fresh to the old rule.
            long eegAt = clock.millis();
            clock.advance(40_000);
            for (int i = 0; i < 20; i++) {
                assertRefused(predictOn(prediction(MentalCommand.ROTATE_CCW, 0.99), eegAt + i * 200L), "stale: EEG is");
            }
        }

        @Test
        void aPredictionWithoutOriginIsOfUnknownAgeAndRefused() {
            DroneCommand refused = policy.onPrediction(prediction(MentalCommand.TAKEOFF, 0.99), OptionalLong.empty());
            assertRefused(refused, "stale: no originProducedAt");
        }

        @Test
        void eegStampedInTheFutureBeyondTheSkewIsRefused() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            assertRefused(predictOn(prediction(MentalCommand.TAKEOFF, 0.99), clock.millis() + SKEW.toMillis() + 1),
                    "future: EEG stamped 501 ms ahead");
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }

        @Test
        void eegWithinTheSkewCounts() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            assertSent(predictOn(prediction(MentalCommand.TAKEOFF, 0.99), clock.millis() + SKEW.toMillis()), "takeoff");
        }

        @Test
        void aDuplicatedWindowNeverCountsTwice() {
            Prediction once = prediction(MentalCommand.TAKEOFF, 0.99);
            predictOn(once, clock.millis());
            assertRefused(predictOn(once, clock.millis()), "duplicate: window ending");
            assertRefused(predictOn(once, clock.millis()), "duplicate: window ending");
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 2/3");
            assertSent(predict(MentalCommand.TAKEOFF), "takeoff");
        }

        @Test
        void anOlderWindowArrivingLateIsRefused() {
            Prediction first = prediction(MentalCommand.TAKEOFF, 0.99);
            predict(MentalCommand.TAKEOFF);
            assertRefused(predictOn(first, clock.millis()), "duplicate");
        }

        @Test
        void aPredictionWithoutWindowEndIsRefused() {
            assertRefused(predictOn(new Prediction("h1", null, MentalCommand.TAKEOFF, 0.99, "m", "1", 1L, "model"),
                    clock.millis()), "duplicate: window ending null");
        }

        @Test
        void aGapBetweenWindowsStartsTheStreakOver() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            windowEnd += GAP.toMillis();
            assertRefused(predict(MentalCommand.TAKEOFF), "not-agreed: TAKEOFF 1/3");
        }

        @Test
        void windowsExactlyTheGapApartStillAgree() {
            predict(MentalCommand.TAKEOFF);
            predict(MentalCommand.TAKEOFF);
            windowEnd += GAP.toMillis() - 200;
            assertSent(predict(MentalCommand.TAKEOFF), "takeoff");
        }

        @Test
        void aHeadsetWhoseClockRestartedLowerIsHeardAgainAfterTheAgeLimit() {
            predict(MentalCommand.HOVER);
            windowEnd -= 3_600_000;
            assertRefused(predict(MentalCommand.HOVER), "duplicate");
            clock.advance(MAX_AGE.toMillis() + 1);
            assertRefused(predict(MentalCommand.HOVER), "hover");
        }

        @Test
        void theDecisionCarriesTheAgeOfItsEeg() {
            long eegAt = clock.millis() - 120;
            DroneCommand decision = predictOn(prediction(MentalCommand.TAKEOFF, 0.99), eegAt);
            assertEquals(eegAt, decision.originProducedAt());
            assertNull(policy.onOperator(OperatorCommand.LAND).originProducedAt());
        }
    }

    @Nested
    class BoundedSilence {

        @Test
        void hoversThenLandsAfterTheBoundWithNothingElseInBetweenButKeepalives() {
            flying();
            java.util.List<DroneCommand> sent = new java.util.ArrayList<>();
            for (long t = 0; t < SILENCE.toMillis() + 1000; t += 100) {
                clock.advance(100);
                policy.onTick().ifPresent(sent::add);
                if (policy.state() == FlightState.LANDED) {
                    break;
                }
            }
            assertEquals("stop", sent.get(0).sdk());
            DroneCommand land = sent.get(sent.size() - 1);
            assertSent(land, "land");
            assertTrue(land.reason().startsWith("silence: no fresh prediction for 30"), land.reason());
            assertTrue(sent.subList(1, sent.size() - 1).stream().allMatch(c -> "keepalive".equals(c.reason())),
                    sent.toString());
            assertEquals(FlightState.LANDED, policy.state());
        }

        @Test
        void aFreshPredictionResetsTheSilence() {
            flying();
            clock.advance(SILENCE.toMillis() - 100);
            predict(MentalCommand.HOVER);
            clock.advance(SILENCE.toMillis() - 100);
            policy.onTick();
            assertEquals(FlightState.FLYING, policy.state());
        }

        @Test
        void mustBeLongerThanTheWatchdog() {
            assertThrows(IllegalArgumentException.class, () -> new SafetyPolicy.Settings(THRESHOLD, AGREEMENT,
                    INTERVAL, 30, 90, WATCHDOG, KEEPALIVE, "command", FRESHNESS, new SafetyPolicy.DroneLimits(
                            WATCHDOG, 300, 20, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(8), 10)));
        }
    }

    @Nested
    class TheDronesOwnState {

        @Test
        void noTakeoffBelowTheBatteryFloor() {
            battery = 19;
            clock.advance(100);
            assertRefused(agreed(MentalCommand.TAKEOFF), "battery: 19 % < 20 %");
            DroneCommand operator = policy.onOperator(OperatorCommand.TAKEOFF);
            assertEquals(Action.REFUSE, operator.action());
            assertTrue(operator.reason().contains("battery: 19 %"), operator.reason());
            battery = 20;
            clock.advance(INTERVAL.toMillis());
            assertSent(policy.onOperator(OperatorCommand.TAKEOFF), "takeoff");
        }

        @Test
        void aBatteryFallingUnderTheFloorWhileFlyingLands() {
            flying();
            battery = 15;
            clock.advance(100);
            DroneCommand land = policy.onTick().orElseThrow();
            assertSent(land, "land");
            assertEquals("battery: 15 % < 20 %", land.reason());
            assertEquals(FlightState.LANDED, policy.state());
        }

        @Test
        void anUpThatWouldPassTheCeilingIsRefused() {
            flying();
            pushedHeight = 271;
            clock.advance(100);
            assertRefused(agreed(MentalCommand.UP), "ceiling: 271 cm + 30 cm > 300 cm");
            pushedHeight = 270;
            clock.advance(100);
            assertSent(predict(MentalCommand.UP), "up 30");
            pushedHeight = 290;
            clock.advance(INTERVAL.toMillis());
            assertSent(agreed(MentalCommand.DOWN), "down 30");
        }

        @Test
        void aSilentStateStreamMeansNoMovesAndNoTakeoff() {
            flying();
            pushing = false;
            clock.advance(LIMITS.stateTimeout().toMillis() + 1);
            assertFalse(policy.linkUp());
            assertRefused(agreed(MentalCommand.FORWARD), "link-down: no state from the drone for 2001 ms");
            policy.onOperator(OperatorCommand.LAND);
            DroneCommand takeoff = policy.onOperator(OperatorCommand.TAKEOFF);
            assertEquals(Action.REFUSE, takeoff.action());
            assertTrue(takeoff.reason().contains("link-down"), takeoff.reason());
        }

        @Test
        void aDroneThatNeverPushedStateCannotTakeOff() {
            telemetry.stateReceived(TelloState.parse("h:0;bat:90;"), 0);
            pushing = false;
            assertRefused(agreed(MentalCommand.TAKEOFF), "link-down");
        }

        @Test
        void aDroneThatLandsByItselfIsSeenAsLanded() {
            flying();
            clock.advance(LIMITS.transitionGrace().toMillis());
            pushedHeight = 0;
            clock.advance(100);
            policy.onTick();
            clock.advance(LIMITS.stateConfirm().toMillis() - 1);
            policy.onTick();
            assertEquals(FlightState.FLYING, policy.state(), "one reading is not enough");
            clock.advance(1);
            assertEquals(Optional.empty(), policy.onTick());
            assertEquals(FlightState.LANDED, policy.state());
            assertRefused(agreed(MentalCommand.FORWARD), "wrong-state: FORWARD while LANDED");
        }

        @Test
        void theClimbAfterOurOwnTakeoffIsNotMistakenForALanding() {
            flying();
            pushedHeight = 0;
            for (int i = 0; i < 70; i++) {
                clock.advance(100);
                predict(MentalCommand.HOVER);
                policy.onTick();
            }
            assertEquals(FlightState.FLYING, policy.state());
        }

        @Test
        void aDroneReportingHeightWhileBelievedLandedIsFlying() {
            pushedHeight = 120;
            clock.advance(100);
            policy.onTick();
            clock.advance(LIMITS.stateConfirm().toMillis());
            policy.onTick();
            assertEquals(FlightState.FLYING, policy.state());
        }

        @Test
        void anEmergencyStopIsNeverReconciledAway() {
            policy.onOperator(OperatorCommand.EMERGENCY);
            pushedHeight = 120;
            for (int i = 0; i < 50; i++) {
                clock.advance(200);
                policy.onTick();
            }
            assertEquals(FlightState.EMERGENCY_STOPPED, policy.state());
        }
    }

    @Test
    void everyDecisionHasItsOwnIdAndTheDecisionTime() {
        DroneCommand first = predict(MentalCommand.TAKEOFF);
        clock.advance(7);
        DroneCommand second = predict(MentalCommand.TAKEOFF);
        assertNotEquals(first.commandId(), second.commandId());
        assertEquals(clock.millis(), second.issuedAt());
        assertEquals("tello-1", second.droneId());
    }
}
