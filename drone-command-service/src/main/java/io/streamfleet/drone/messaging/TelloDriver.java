package io.streamfleet.drone.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingDeque;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.DroneTelemetry.Ack;
import io.streamfleet.drone.domain.TelloSdk;

/**
 * Sends one drone's commands in order from a single worker thread, waiting for each answer (the Tello handles one
 * command at a time). It enters SDK mode ({@code command}) before anything else and again after a failed attempt.
 * Safety rules at the wire: {@code emergency} bypasses the queue and is fired at once; {@code emergency} and
 * {@code land} drop everything queued, {@code stop} drops queued motions (they would run after the drone was told to
 * stop), and so do commands decided before them that Kafka delivers later; a command whose turn
 * comes after {@code maxCommandAge} is skipped, except {@code land}; only commands that are safe to repeat are retried.
 */
final class TelloDriver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelloDriver.class);

    /** A command waiting for the wire, with the timing headers of its drone-commands record (if it came from one). */
    record Outgoing(DroneCommand command, OptionalLong producedAt, OptionalLong originProducedAt) {
    }

    /** Latency timers shared by all drones. */
    record Timers(Timer commandSent, Timer endToEnd) {
    }

    private final String droneId;
    private final TelloConnection connection;
    private final DroneTelemetry telemetry;
    private final Clock clock;
    private final Duration ackTimeout;
    private final int retries;
    private final Duration maxCommandAge;
    private final Timers timers;
    private final MeterRegistry registry;
    private final LinkedBlockingDeque<Outgoing> queue = new LinkedBlockingDeque<>();
    private final Thread worker;
    private volatile boolean sdkMode;
    /** Commands decided before the last land or emergency never fly, even if Kafka delivers them afterwards. */
    private volatile long everythingBarrierAt = Long.MIN_VALUE;
    /** Motions decided before the last stop never fly. */
    private volatile long motionBarrierAt = Long.MIN_VALUE;
    private volatile boolean closed;

    TelloDriver(String droneId, TelloConnection connection, DroneTelemetry telemetry, Clock clock, Duration ackTimeout,
            int retries, Duration maxCommandAge, Timers timers, MeterRegistry registry) {
        this.droneId = droneId;
        this.connection = connection;
        this.telemetry = telemetry;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
        this.retries = retries;
        this.maxCommandAge = maxCommandAge;
        this.timers = timers;
        this.registry = registry;
        this.worker = new Thread(this::work, "tello-link-" + droneId);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** In order, after what is queued (commands read from drone-commands). */
    void enqueue(Outgoing outgoing) {
        String sdk = outgoing.command().sdk();
        if (TelloSdk.isFireAndForget(sdk)) {
            fireNow(outgoing.command());
            return;
        }
        preemptIfStopping(outgoing.command());
        queue.addLast(outgoing);
    }

    /** Ahead of what is queued (local decisions: operator, watchdog, keepalive); emergency leaves at once. */
    void sendNow(DroneCommand command) {
        if (TelloSdk.isFireAndForget(command.sdk())) {
            fireNow(command);
            return;
        }
        preemptIfStopping(command);
        queue.addFirst(new Outgoing(command, OptionalLong.empty(), OptionalLong.empty()));
    }

    private void fireNow(DroneCommand command) {
        if (TelloSdk.EMERGENCY.equals(command.sdk())) {
            everythingBarrierAt = Math.max(everythingBarrierAt, command.issuedAt());
            preempt(true);
        }
        if (!sdkMode) {
            // Without SDK mode the drone ignores everything; one unanswered "command" first costs nothing.
            connection.fire(TelloSdk.ENTER_SDK_MODE);
        }
        long sentAt = connection.fire(command.sdk());
        telemetry.commandSent(new DroneTelemetry.SentCommand(command.commandId(), command.sdk(), command.reason(), sentAt));
        acknowledged(command, new TelloConnection.Result(sentAt == 0 ? Ack.ERROR : Ack.UNCONFIRMED, null, 1, sentAt));
    }

    /** Land wins over everything queued (a queued takeoff included); stop over queued motions. */
    private void preemptIfStopping(DroneCommand command) {
        if (TelloSdk.LAND.equals(command.sdk())) {
            everythingBarrierAt = Math.max(everythingBarrierAt, command.issuedAt());
            preempt(true);
        } else if (TelloSdk.STOP.equals(command.sdk())) {
            motionBarrierAt = Math.max(motionBarrierAt, command.issuedAt());
            preempt(false);
        }
    }

    private boolean overtakenByAStop(DroneCommand command) {
        String sdk = command.sdk();
        if (TelloSdk.LAND.equals(sdk) || TelloSdk.EMERGENCY.equals(sdk)) {
            return false;
        }
        return command.issuedAt() < everythingBarrierAt
                || command.issuedAt() < motionBarrierAt && !TelloSdk.isRetryable(sdk);
    }

    /** Drops queued motions (or everything), recording each as preempted. */
    private void preempt(boolean everything) {
        List<Outgoing> dropped = new ArrayList<>();
        queue.removeIf(o -> {
            boolean drop = everything || !TelloSdk.isRetryable(o.command().sdk());
            if (drop) {
                dropped.add(o);
            }
            return drop;
        });
        for (Outgoing o : dropped) {
            LOG.infof("drone %s: %s preempted by a stopping command", droneId, o.command().sdk());
            acknowledged(o.command(), new TelloConnection.Result(Ack.PREEMPTED, null, 0, 0));
        }
    }

    private void work() {
        while (!closed) {
            Outgoing next;
            try {
                next = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            try {
                execute(next);
            } catch (RuntimeException e) {
                LOG.errorf(e, "drone %s: sending %s failed", droneId, next.command().sdk());
            }
        }
    }

    private void execute(Outgoing outgoing) {
        DroneCommand command = outgoing.command();
        String sdk = command.sdk();
        if (overtakenByAStop(command)) {
            LOG.infof("drone %s: %s not sent, a later land, stop or emergency overtook it", droneId, sdk);
            acknowledged(command, new TelloConnection.Result(Ack.PREEMPTED, null, 0, 0));
            return;
        }
        long age = clock.millis() - command.issuedAt();
        if (age > maxCommandAge.toMillis() && !TelloSdk.LAND.equals(sdk)) {
            LOG.warnf("drone %s: %s not sent, it is %d ms old", droneId, sdk, age);
            acknowledged(command, new TelloConnection.Result(Ack.SKIPPED_STALE, age + " ms old", 0, 0));
            return;
        }
        if (!sdkMode) {
            TelloConnection.Result entered = connection.request(TelloSdk.ENTER_SDK_MODE, ackTimeout, 1 + retries,
                    () -> false);
            sdkMode = Ack.OK.equals(entered.outcome());
            if (!sdkMode) {
                LOG.warnf("drone %s did not enter SDK mode (%s); sending %s anyway", droneId, entered.outcome(), sdk);
            }
        }
        int attempts = TelloSdk.isRetryable(sdk) ? 1 + retries : 1;
        TelloConnection.Result result = connection.request(sdk, ackTimeout, attempts,
                () -> overtakenByAStop(command));
        if (result.firstSentAt() > 0) {
            telemetry.commandSent(new DroneTelemetry.SentCommand(command.commandId(), sdk, command.reason(),
                    result.firstSentAt()));
            if (command.isPredictionDriven()) {
                outgoing.producedAt().ifPresent(at -> timers.commandSent().record(Duration.ofMillis(
                        Math.max(0, result.firstSentAt() - at))));
                outgoing.originProducedAt().ifPresent(at -> timers.endToEnd().record(Duration.ofMillis(
                        Math.max(0, result.firstSentAt() - at))));
            }
        }
        if (Ack.TIMEOUT.equals(result.outcome())) {
            // After a lost answer we cannot know the drone's mode (it may have rebooted): enter it again next time.
            sdkMode = false;
        }
        acknowledged(command, result);
    }

    private void acknowledged(DroneCommand command, TelloConnection.Result result) {
        telemetry.acknowledged(new Ack(command.commandId(), command.sdk(), result.outcome(), result.response(),
                result.attempts(), clock.millis()));
        registry.counter("streamfleet_drone_acks", "drone", droneId, "outcome", result.outcome()).increment();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        connection.close();
    }
}
