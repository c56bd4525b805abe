package io.streamfleet.drone.domain;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the Tello link last saw of one drone: its pushed state, the last command it sent and the drone's answer.
 * Written by the link's threads, read by REST and gauges.
 */
public final class DroneTelemetry {

    /** The last command put on the wire. */
    public record SentCommand(String commandId, String sdk, String reason, long sentAt) {
    }

    /** The drone's answer to the last command: {@code ok}, {@code error}, {@code timeout}, or why it was not sent. */
    public record Ack(String commandId, String sdk, String outcome, String response, int attempts, long at) {

        public static final String OK = "ok";
        public static final String ERROR = "error";
        public static final String TIMEOUT = "timeout";
        /** Fire-and-forget commands (emergency, rc) get no answer awaited. */
        public static final String UNCONFIRMED = "unconfirmed";
        public static final String SKIPPED_STALE = "skipped-stale";
        public static final String PREEMPTED = "preempted";
    }

    private volatile TelloState state;
    private volatile long stateAt;
    private volatile SentCommand lastCommand;
    private volatile Ack lastAck;

    public void stateReceived(TelloState state, long at) {
        this.state = state;
        this.stateAt = at;
    }

    public void commandSent(SentCommand command) {
        this.lastCommand = command;
    }

    public void acknowledged(Ack ack) {
        this.lastAck = ack;
    }

    public OptionalInt batteryPercent() {
        TelloState current = state;
        return current == null ? OptionalInt.empty() : current.batteryPercent();
    }

    public OptionalInt heightCm() {
        TelloState current = state;
        return current == null ? OptionalInt.empty() : current.heightCm();
    }

    public OptionalDouble temperatureC() {
        TelloState current = state;
        return current == null ? OptionalDouble.empty() : current.temperatureC();
    }

    /** Epoch ms of the last state datagram, 0 if none came yet. */
    public long stateAt() {
        return stateAt;
    }

    public SentCommand lastCommand() {
        return lastCommand;
    }

    public Ack lastAck() {
        return lastAck;
    }
}
