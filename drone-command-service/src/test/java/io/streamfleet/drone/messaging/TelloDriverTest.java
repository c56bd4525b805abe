package io.streamfleet.drone.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamfleet.drone.domain.Action;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.testsupport.FakeTello;

/** The UDP link against a fake Tello on loopback: ordering, SDK mode, retries, fire-and-forget, preemption. */
class TelloDriverTest {

    static final Duration ACK_TIMEOUT = Duration.ofMillis(300);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    final FakeTello tello = FakeTello.start();
    final DroneTelemetry telemetry = new DroneTelemetry();
    final MeterRegistry registry = new SimpleMeterRegistry();
    final TelloDriver.Timers timers = new TelloDriver.Timers(registry.timer("sent"), registry.timer("e2e"));
    TelloDriver driver = driver(Duration.ofSeconds(5));

    TelloDriver driver(Duration maxCommandAge) {
        return driver(ACK_TIMEOUT, maxCommandAge, Duration.ofHours(1));
    }

    TelloDriver driver(Duration ackTimeout, Duration maxCommandAge, Duration idleHandshake) {
        try {
            return new TelloDriver("tello-1", new TelloConnection("tello-1",
                    new InetSocketAddress("127.0.0.1", tello.commandPort()), Clock.systemUTC()), telemetry,
                    Clock.systemUTC(), new TelloDriver.Settings(ackTimeout, 2, maxCommandAge, 3, Duration.ofMillis(20),
                            idleHandshake), timers, registry);
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        driver.close();
        tello.close();
    }

    static DroneCommand command(String sdk) {
        return command(sdk, System.currentTimeMillis());
    }

    static DroneCommand command(String sdk, long issuedAt) {
        return new DroneCommand(UUID.randomUUID().toString(), "tello-1", null, Action.SEND, sdk, "operator", null,
                null, issuedAt, null);
    }

    static DroneCommand predicted(String sdk) {
        return new DroneCommand(UUID.randomUUID().toString(), "tello-1", "h1", Action.SEND, sdk, "prediction", "X",
                0.9, System.currentTimeMillis(), System.currentTimeMillis() - 100);
    }

    void enqueue(DroneCommand command) {
        driver.submit(new TelloDriver.Outgoing(command, OptionalLong.empty(), OptionalLong.empty()));
    }

    DroneTelemetry.Ack awaitAck(String sdk) {
        return await().atMost(DEADLINE).until(telemetry::lastAck, ack -> ack != null && sdk.equals(ack.sdk()));
    }

    double acks(String outcome) {
        return registry.counter("streamfleet_drone_acks", "drone", "tello-1", "outcome", outcome).count();
    }

    @Test
    void entersSdkModeOnceThenSendsInOrder() {
        enqueue(command("takeoff"));
        enqueue(command("forward 30"));
        enqueue(command("cw 90"));
        tello.awaitCommands("cw 90");
        enqueue(command("land"));
        tello.awaitCommands("command", "takeoff", "forward 30", "cw 90", "land");
        assertEquals(List.of("command", "takeoff", "forward 30", "cw 90", "land"), tello.received());
        assertEquals("ok", awaitAck("land").outcome());
        assertEquals("land", telemetry.lastCommand().sdk());
    }

    @Test
    void aSilentIdempotentCommandIsRetriedAndTheAckRecorded() {
        tello.stayMuteFor("takeoff", 1);
        enqueue(command("takeoff"));
        DroneTelemetry.Ack ack = awaitAck("takeoff");
        assertEquals("ok", ack.outcome());
        assertEquals(2, ack.attempts());
        assertEquals(List.of("command", "takeoff", "takeoff"), tello.received());
    }

    @Test
    void aCommandThatNeverGetsAnAnswerIsRecordedAsTimeoutAfterAllAttempts() {
        tello.replyTo("land", FakeTello.Reply.SILENT);
        enqueue(command("land"));
        DroneTelemetry.Ack ack = await().atMost(DEADLINE).until(telemetry::lastAck,
                a -> a != null && "land".equals(a.sdk()) && "timeout".equals(a.outcome()));
        assertEquals(3, ack.attempts());
        assertEquals(3, tello.received().stream().filter("land"::equals).count());
    }

    @Test
    void aSilentMoveIsNeverResent() {
        tello.replyTo("forward", FakeTello.Reply.SILENT);
        enqueue(command("forward 30"));
        assertEquals("timeout", awaitAck("forward 30").outcome());
        assertEquals(List.of("command", "forward 30"), tello.received());
    }

    @Test
    void anErrorAnswerIsRecorded() {
        tello.replyTo("takeoff", FakeTello.Reply.ERROR);
        enqueue(command("takeoff"));
        DroneTelemetry.Ack ack = awaitAck("takeoff");
        assertEquals("error", ack.outcome());
        assertEquals(1, ack.attempts(), "an error is an answer: not retried");
    }

    @Test
    void sdkModeIsRetriedBeforeTheFirstCommand() {
        tello.stayMuteFor("command", 2);
        enqueue(command("takeoff"));
        tello.awaitCommands("command", "command", "command", "takeoff");
        assertEquals("ok", awaitAck("takeoff").outcome());
    }

    @Test
    void emergencyLeavesAtOnceWhileTheLinkWaitsOnASilentDroneAndIsFiredThreeTimes() {
        tello.replyTo("takeoff", FakeTello.Reply.SILENT);
        enqueue(command("takeoff"));
        tello.awaitCommands("command", "takeoff");
        enqueue(command("forward 30"));
        enqueue(command("emergency"));
        // the silent takeoff is not resent after the emergency, and the queued move is dropped
        await().atMost(DEADLINE).until(() -> acks("preempted"), count -> count == 2);
        assertEquals(1, acks("unconfirmed"), "the emergency is fired, not waited on");
        tello.awaitCommands("emergency", "emergency", "emergency");
        assertEquals(List.of("command", "takeoff", "emergency", "emergency", "emergency"), tello.received());
        List<FakeTello.Received> times = tello.receivedWithTimes();
        assertTrue(Duration.between(times.get(1).at(), times.get(2).at()).compareTo(ACK_TIMEOUT) < 0,
                "the emergency did not wait for the takeoff's answer: " + times);
        assertTrue(Duration.between(times.get(2).at(), times.get(4).at()).toMillis() <= 100,
                "three emergencies within ~50 ms (some slack for a loaded machine): " + times);
    }

    @Test
    void landDropsQueuedCommandsAndOvertakesLaterDeliveredOnes() {
        tello.replyTo("stop", FakeTello.Reply.SILENT);
        enqueue(command("stop")); // keeps the worker busy while the queue fills
        tello.awaitCommands("command", "stop");
        DroneCommand decidedBeforeLand = predicted("forward 30");
        enqueue(predicted("left 30"));
        enqueue(command("land", decidedBeforeLand.issuedAt() + 1));
        enqueue(decidedBeforeLand); // Kafka delivers it after the land
        enqueue(command("takeoff", System.currentTimeMillis() + 10)); // decided after the land: sent
        tello.awaitCommands("land", "takeoff");
        assertTrue(tello.received().stream().noneMatch(t -> t.startsWith("left") || t.startsWith("forward")),
                tello.received().toString());
    }

    @Test
    void aCommandStaleWhenItsTurnComesIsNotSentButLandIs() {
        driver.close();
        driver = driver(Duration.ofMillis(500));
        enqueue(command("cw 90", System.currentTimeMillis() - 1000));
        enqueue(command("land", System.currentTimeMillis() - 1000));
        tello.awaitCommands("land");
        assertEquals(List.of("command", "land"), tello.received());
    }

    @Test
    void predictionDrivenCommandsAreTimedFromTheirHeaders() {
        long now = System.currentTimeMillis();
        driver.submit(new TelloDriver.Outgoing(predicted("up 30"), OptionalLong.of(now - 20),
                OptionalLong.of(now - 200)));
        awaitAck("up 30");
        assertEquals(1, timers.commandSent().count());
        assertEquals(1, timers.endToEnd().count());
        assertTrue(timers.endToEnd().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) >= 200);
    }

    @Test
    void landAndStopLeaveAtOnceWhileASlowMoveIsInFlight() {
        driver.close();
        driver = driver(Duration.ofSeconds(7), Duration.ofSeconds(10), Duration.ofHours(1));
        tello.delayReplies(Duration.ofSeconds(3), Duration.ofSeconds(3));
        enqueue(command("takeoff"));
        tello.awaitCommands(Duration.ofSeconds(10), "takeoff");
        enqueue(command("forward 30"));
        tello.awaitCommands(Duration.ofSeconds(10), "forward 30");
        long stopAt = System.currentTimeMillis();
        enqueue(command("stop"));
        tello.awaitCommands("forward 30", "stop");
        long landAt = System.currentTimeMillis();
        enqueue(command("land"));
        tello.awaitCommands("forward 30", "stop", "land");
        List<FakeTello.Received> times = tello.receivedWithTimes();
        long stopArrived = times.stream().filter(r -> r.text().equals("stop")).findFirst().orElseThrow().at().toEpochMilli();
        long landArrived = times.stream().filter(r -> r.text().equals("land")).findFirst().orElseThrow().at().toEpochMilli();
        assertTrue(stopArrived - stopAt < 200, "stop reached the drone " + (stopArrived - stopAt) + " ms after");
        assertTrue(landArrived - landAt < 200, "land reached the drone " + (landArrived - landAt) + " ms after");
    }

    @Test
    void anUnansweredHandshakeNeverDelaysALand() {
        driver.close();
        driver = driver(Duration.ofSeconds(7), Duration.ofSeconds(30), Duration.ofHours(1));
        tello.replyTo("command", FakeTello.Reply.SILENT);
        enqueue(command("takeoff"));
        tello.awaitCommands("command");
        long landAt = System.currentTimeMillis();
        enqueue(command("land"));
        tello.awaitCommands("land");
        long landArrived = tello.receivedWithTimes().stream().filter(r -> r.text().equals("land")).findFirst()
                .orElseThrow().at().toEpochMilli();
        assertTrue(landArrived - landAt < 200, "land reached the drone " + (landArrived - landAt) + " ms after");
        await().atMost(DEADLINE).until(() -> acks("preempted"), count -> count == 1); // the takeoff waiting on it
        assertTrue(tello.received().stream().noneMatch("takeoff"::equals), tello.received().toString());
    }

    @Test
    void aSilentDroneIsAskedForSdkModeWhileIdleAndAPushingOneIsNot() {
        driver.close();
        driver = driver(ACK_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(100));
        tello.awaitCommands("command", "command");
        telemetry.stateReceived(io.streamfleet.drone.domain.TelloState.parse("h:0;bat:90;"),
                System.currentTimeMillis() + 60_000);
        int before = tello.received().size();
        await().pollDelay(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> true);
        assertTrue(tello.received().size() - before <= 1, "no handshakes while the drone pushes state: "
                + tello.received());
    }
}
