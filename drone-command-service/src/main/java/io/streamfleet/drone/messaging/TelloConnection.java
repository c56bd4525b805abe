package io.streamfleet.drone.messaging;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.streamfleet.drone.domain.DroneTelemetry.Ack;

/**
 * One drone's SDK command channel: UDP datagrams to its command port (8889), answers read back on the same socket
 * by a receiver thread. The Tello answers {@code ok}, {@code error ...}, or a value for reads; it does not say which
 * command it answers, so stale answers are discarded before each send.
 */
final class TelloConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelloConnection.class);

    /** What came of one command. {@code firstSentAt} is when its first datagram left, 0 if none could be sent. */
    record Result(String outcome, String response, int attempts, long firstSentAt) {
    }

    private final String droneId;
    private final InetSocketAddress drone;
    private final DatagramSocket socket;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Clock clock;
    private final Thread receiver;

    TelloConnection(String droneId, InetSocketAddress drone, Clock clock) throws SocketException {
        this.droneId = droneId;
        this.drone = drone;
        this.clock = clock;
        this.socket = new DatagramSocket();
        this.receiver = new Thread(this::receive, "tello-answers-" + droneId);
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /** Sends once and does not wait: for {@code emergency} and {@code rc}, which must never queue or repeat. */
    long fire(String sdk) {
        try {
            return send(sdk);
        } catch (IOException e) {
            LOG.errorf("could not send %s to drone %s at %s: %s", sdk, droneId, drone, e.getMessage());
            return 0;
        }
    }

    /**
     * Sends and waits up to {@code timeout} for the answer, {@code attempts} times at most; stops resending as soon
     * as {@code overtaken} says a later command (an emergency, a land) made this one obsolete.
     */
    Result request(String sdk, Duration timeout, int attempts, BooleanSupplier overtaken) {
        answers.clear();
        long firstSentAt = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && overtaken.getAsBoolean()) {
                return new Result(Ack.PREEMPTED, null, attempt - 1, firstSentAt);
            }
            try {
                long sentAt = send(sdk);
                firstSentAt = firstSentAt == 0 ? sentAt : firstSentAt;
            } catch (IOException e) {
                return new Result(Ack.ERROR, "send failed: " + e.getMessage(), attempt, firstSentAt);
            }
            String answer;
            try {
                answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(Ack.TIMEOUT, "interrupted", attempt, firstSentAt);
            }
            if (answer != null && overtaken.getAsBoolean()) {
                // Answers carry no command id: after an emergency this may well be the emergency's "ok".
                return new Result(Ack.PREEMPTED, answer, attempt, firstSentAt);
            }
            if (answer != null) {
                String outcome = answer.toLowerCase().startsWith("error") ? Ack.ERROR : Ack.OK;
                return new Result(outcome, answer, attempt, firstSentAt);
            }
            if (attempt < attempts) {
                LOG.warnf("drone %s did not answer %s within %d ms, resending (attempt %d of %d)", droneId, sdk,
                        timeout.toMillis(), attempt + 1, attempts);
            }
        }
        return new Result(Ack.TIMEOUT, null, attempts, firstSentAt);
    }

    private long send(String sdk) throws IOException {
        byte[] bytes = sdk.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, drone));
        return clock.millis();
    }

    private void receive() {
        byte[] buffer = new byte[1024];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warnf("receiving from drone %s failed: %s", droneId, e.getMessage());
                }
                continue;
            }
            if (!drone.getAddress().equals(packet.getAddress())) {
                continue; // not our drone's answer
            }
            answers.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).trim());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
