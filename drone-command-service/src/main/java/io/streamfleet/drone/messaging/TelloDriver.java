package io.streamfleet.drone.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.DroneTelemetry.Ack;
import io.streamfleet.drone.domain.TelloSdk;

/**
 * Sends one drone's commands. Ordinary commands (takeoff, moves, the keepalive) go in order from a single worker
 * thread that waits for each answer (the Tello handles one command at a time, and answers a move only when it has
 * finished it), entering SDK mode ({@code command}) first when needed. {@code stop}, {@code land} and
 * {@code emergency} pre-empt: they leave for the drone at once from the caller's thread, whatever is in flight or in
 * the handshake, and the worker abandons its wait. {@code emergency} is idempotent and fired
 * {@code emergencyRepeats} times within a few tens of milliseconds to survive a lost datagram; {@code stop} and
 * {@code land} are then confirmed by the worker (their answer awaited, resent if none came). Emergency and land drop
 * everything queued, stop drops queued motions, and so do commands decided before them that Kafka delivers later; a
 * queued command whose turn comes after {@code maxCommandAge} is skipped; only commands that are safe to repeat are
 * retried. While the drone pushes no state and nothing is queued, SDK mode is requested every
 * {@code idleHandshakeInterval}: a Tello pushes its state only once it is in SDK mode.
 */
final class TelloDriver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelloDriver.class);

    /**
     * A command waiting for the wire, with the timing headers of its drone-commands record (if it came from one);
     * {@code firedAt} &gt; 0 when it was already fired and only its answer is awaited.
     */
    record Outgoing(DroneCommand command, OptionalLong producedAt, OptionalLong originProducedAt, long firedAt,
            int answersToSkip) {

        Outgoing(DroneCommand command, OptionalLong producedAt, OptionalLong originProducedAt) {
            this(command, producedAt, originProducedAt, 0, 0);
        }

        static Outgoing local(DroneCommand command) {
            return new Outgoing(command, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /** Latency timers shared by all drones. */
    record Timers(Timer commandSent, Timer endToEnd) {
    }

    /** The link's numbers (DroneConfig.Link). */
    record Settings(Duration ackTimeout, int retries, Duration maxCommandAge, int emergencyRepeats,
            Duration emergencyRepeatInterval, Duration idleHandshakeInterval) {
    }

    private final String droneId;
    private final TelloConnection connection;
    private final DroneTelemetry telemetry;
    private final Clock clock;
    private final Settings settings;
    private final Timers timers;
    private final MeterRegistry registry;
    private final LinkedBlockingDeque<Outgoing> queue = new LinkedBlockingDeque<>();
    private final ScheduledExecutorService repeater;
    private final Thread worker;
    /** Counts pre-empting sends: a wait that began under an older value is abandoned. */
    private final AtomicLong preemptions = new AtomicLong();
    private volatile boolean sdkMode;
    /** Commands decided before the last land or emergency never fly, even if Kafka delivers them afterwards. */
    private volatile long everythingBarrierAt = Long.MIN_VALUE;
    /** Motions decided before the last stop never fly. */
    private volatile long motionBarrierAt = Long.MIN_VALUE;
    private volatile long lastHandshakeAt;
    private volatile boolean closed;

    TelloDriver(String droneId, TelloConnection connection, DroneTelemetry telemetry, Clock clock, Settings settings,
            Timers timers, MeterRegistry registry) {
        this.droneId = droneId;
        this.connection = connection;
        this.telemetry = telemetry;
        this.clock = clock;
        this.settings = settings;
        this.timers = timers;
        this.registry = registry;
        this.repeater = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tello-repeat-" + droneId);
            thread.setDaemon(true);
            return thread;
        });
        this.worker = new Thread(this::work, "tello-link-" + droneId);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Stop, land and emergency leave at once; everything else in order, after what is queued. */
    void submit(Outgoing outgoing) {
        if (TelloSdk.isPreempting(outgoing.command().sdk())) {
            fireNow(outgoing);
        } else {
            queue.addLast(outgoing);
        }
    }

    private synchronized void fireNow(Outgoing outgoing) {
        DroneCommand command = outgoing.command();
        String sdk = command.sdk();
        if (TelloSdk.STOP.equals(sdk)) {
            motionBarrierAt = Math.max(motionBarrierAt, command.issuedAt());
            dropQueued(false);
        } else {
            everythingBarrierAt = Math.max(everythingBarrierAt, command.issuedAt());
            dropQueued(true);
        }
        preemptions.incrementAndGet();
        connection.forgetAnswers();
        boolean enterSdkMode = !sdkMode;
        if (enterSdkMode) {
            // Without SDK mode the drone ignores everything; an unanswered "command" first costs nothing.
            connection.fire(TelloSdk.ENTER_SDK_MODE);
        }
        long sentAt = connection.fire(sdk);
        sent(outgoing, sentAt);
        if (TelloSdk.EMERGENCY.equals(sdk)) {
            long interval = settings.emergencyRepeatInterval().toMillis();
            for (int repeat = 1; repeat < settings.emergencyRepeats(); repeat++) {
                repeater.schedule(() -> connection.fire(sdk), repeat * interval, TimeUnit.MILLISECONDS);
            }
            acknowledged(command, new TelloConnection.Result(sentAt == 0 ? Ack.ERROR : Ack.UNCONFIRMED, null,
                    settings.emergencyRepeats(), sentAt));
        } else {
            queue.addFirst(new Outgoing(command, outgoing.producedAt(), outgoing.originProducedAt(), sentAt,
                    enterSdkMode ? 1 : 0));
        }
    }

    private boolean overtakenByAStop(DroneCommand command) {
        String sdk = command.sdk();
        if (TelloSdk.isPreempting(sdk)) {
            return false;
        }
        return command.issuedAt() < everythingBarrierAt
                || command.issuedAt() < motionBarrierAt && !TelloSdk.isRetryable(sdk);
    }

    /** Drops queued motions (or everything), recording each as preempted. */
    private void dropQueued(boolean everything) {
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
                next = queue.pollFirst(settings.idleHandshakeInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (next == null) {
                    handshakeIfSilent();
                } else {
                    execute(next);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "drone %s: sending %s failed", droneId, next == null ? "command" : next.command().sdk());
            }
        }
    }

    /** A Tello pushes state only in SDK mode: ask for it while the drone is silent and nothing else is to be sent. */
    private void handshakeIfSilent() {
        long now = clock.millis();
        long interval = settings.idleHandshakeInterval().toMillis();
        if (now - telemetry.stateAt() <= interval || now - lastHandshakeAt < interval) {
            return;
        }
        lastHandshakeAt = now;
        long generation = preemptions.get();
        TelloConnection.Result entered = connection.request(TelloSdk.ENTER_SDK_MODE, settings.ackTimeout(), 1,
                () -> preemptions.get() != generation || !queue.isEmpty());
        sdkMode = Ack.OK.equals(entered.outcome());
    }

    private void execute(Outgoing outgoing) {
        DroneCommand command = outgoing.command();
        String sdk = command.sdk();
        long generation = preemptions.get();
        BooleanSupplier overtaken = () -> preemptions.get() != generation || overtakenByAStop(command);
        if (outgoing.firedAt() > 0) {
            // Confirming matters only while nothing newer waits: a command decided since supersedes the answer.
            acknowledged(command, connection.confirm(sdk, outgoing.firedAt(), outgoing.answersToSkip(),
                    settings.ackTimeout(), 1 + settings.retries(), () -> overtaken.getAsBoolean() || !queue.isEmpty()));
            return;
        }
        if (overtakenByAStop(command)) {
            LOG.infof("drone %s: %s not sent, a later land, stop or emergency overtook it", droneId, sdk);
            acknowledged(command, new TelloConnection.Result(Ack.PREEMPTED, null, 0, 0));
            return;
        }
        if (skippedAsStale(command)) {
            return;
        }
        if (!sdkMode) {
            TelloConnection.Result entered = connection.request(TelloSdk.ENTER_SDK_MODE, settings.ackTimeout(),
                    1 + settings.retries(), overtaken);
            if (Ack.PREEMPTED.equals(entered.outcome())) {
                if (overtakenByAStop(command)) {
                    acknowledged(command, new TelloConnection.Result(Ack.PREEMPTED, null, 0, 0));
                } else {
                    requeue(outgoing); // a stop interrupted the handshake: a takeoff or keepalive still goes, after it
                }
                return;
            }
            sdkMode = Ack.OK.equals(entered.outcome());
            if (!sdkMode) {
                LOG.warnf("drone %s did not enter SDK mode (%s); sending %s anyway", droneId, entered.outcome(), sdk);
            }
            if (skippedAsStale(command)) {
                return; // the handshake took long: the command may have aged past the limit meanwhile
            }
        }
        int attempts = TelloSdk.isRetryable(sdk) ? 1 + settings.retries() : 1;
        TelloConnection.Result result = connection.request(sdk, settings.ackTimeout(), attempts, overtaken);
        sent(outgoing, result.firstSentAt());
        acknowledged(command, result);
    }

    /** Back at the head of the queue, behind the confirmation of the command that pre-empted it. */
    private synchronized void requeue(Outgoing outgoing) {
        Outgoing head = queue.peekFirst();
        if (head != null && head.firedAt() > 0) {
            queue.pollFirst();
            queue.addFirst(outgoing);
            queue.addFirst(head);
        } else {
            queue.addFirst(outgoing);
        }
    }

    private boolean skippedAsStale(DroneCommand command) {
        long age = clock.millis() - command.issuedAt();
        if (age <= settings.maxCommandAge().toMillis()) {
            return false;
        }
        LOG.warnf("drone %s: %s not sent, it is %d ms old", droneId, command.sdk(), age);
        acknowledged(command, new TelloConnection.Result(Ack.SKIPPED_STALE, age + " ms old", 0, 0));
        return true;
    }

    private void sent(Outgoing outgoing, long sentAt) {
        if (sentAt <= 0) {
            return;
        }
        DroneCommand command = outgoing.command();
        telemetry.commandSent(new DroneTelemetry.SentCommand(command.commandId(), command.sdk(), command.reason(),
                sentAt));
        if (command.isPredictionDriven()) {
            outgoing.producedAt().ifPresent(at -> timers.commandSent().record(Duration.ofMillis(
                    Math.max(0, sentAt - at))));
            outgoing.originProducedAt().ifPresent(at -> timers.endToEnd().record(Duration.ofMillis(
                    Math.max(0, sentAt - at))));
        }
    }

    private void acknowledged(DroneCommand command, TelloConnection.Result result) {
        if (Ack.OK.equals(result.outcome()) || Ack.ERROR.equals(result.outcome()) && result.response() != null) {
            sdkMode = true; // it answered: it is in SDK mode
        } else if (Ack.TIMEOUT.equals(result.outcome())) {
            // After a lost answer we cannot know the drone's mode (it may have rebooted): enter it again next time.
            sdkMode = false;
        }
        telemetry.acknowledged(new Ack(command.commandId(), command.sdk(), result.outcome(), result.response(),
                result.attempts(), clock.millis()));
        registry.counter("streamfleet_drone_acks", "drone", droneId, "outcome", result.outcome()).increment();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        repeater.shutdownNow();
        connection.close();
    }
}
