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

    /** How often a wait for an answer checks whether it was pre-empted. */
    static final long SLICE_MILLIS = 10;

    TelloConnection(String droneId, InetSocketAddress drone, Clock clock) throws SocketException {
        this.droneId = droneId;
        this.drone = drone;
        this.clock = clock;
        this.socket = new DatagramSocket();
        this.receiver = new Thread(this::receive, "tello-answers-" + droneId);
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /** Sends once and does not wait: for commands that pre-empt whatever is in flight. */
    long fire(String sdk) {
        try {
            return send(sdk);
        } catch (IOException e) {
            LOG.errorf("could not send %s to drone %s at %s: %s", sdk, droneId, drone, e.getMessage());
            return 0;
        }
    }

    /**
     * Sends and waits up to {@code timeout} for the answer, {@code attempts} times at most; gives up as soon as
     * {@code overtaken} says a later command (a stop, a land, an emergency) made this one obsolete, checked every
     * {@link #SLICE_MILLIS} ms while waiting, so a pre-empting command never waits for the drone's answer to this one.
     */
    Result request(String sdk, Duration timeout, int attempts, BooleanSupplier overtaken) {
        answers.clear();
        return exchange(sdk, 0, 0, timeout, attempts, overtaken);
    }

    /**
     * For a command already {@link #fire fired} at {@code sentAt}: waits for its answer first, then resends like
     * {@link #request} until {@code attempts} datagrams in all have gone out.
     */
    Result confirm(String sdk, long sentAt, int answersToSkip, Duration timeout, int attempts,
            BooleanSupplier overtaken) {
        return exchange(sdk, sentAt, answersToSkip, timeout, attempts, overtaken);
    }

    private Result exchange(String sdk, long alreadySentAt, int answersToSkip, Duration timeout, int attempts,
            BooleanSupplier overtaken) {
        int toSkip = answersToSkip;
        long firstSentAt = alreadySentAt;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (overtaken.getAsBoolean()) {
                return new Result(Ack.PREEMPTED, null, attempt - 1, firstSentAt);
            }
            if (attempt > 1 || alreadySentAt == 0) {
                try {
                    long sentAt = send(sdk);
                    firstSentAt = firstSentAt == 0 ? sentAt : firstSentAt;
                } catch (IOException e) {
                    return new Result(Ack.ERROR, "send failed: " + e.getMessage(), attempt, firstSentAt);
                }
            }
            String answer;
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                answer = awaitAnswer(deadline, overtaken);
                // A command fired just before this one (SDK mode) answers first; if its answer was lost, this one's
                // is skipped instead and the command resent, which only idempotent commands are.
                while (answer != null && toSkip > 0) {
                    toSkip--;
                    answer = awaitAnswer(deadline, overtaken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(Ack.TIMEOUT, "interrupted", attempt, firstSentAt);
            }
            if (overtaken.getAsBoolean()) {
                // Answers carry no command id: after a stop or an emergency this may well be that command's "ok".
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

    /** The next answer before {@code deadline} (nanoTime), or null; returns early (null) once {@code overtaken}. */
    private String awaitAnswer(long deadline, BooleanSupplier overtaken) throws InterruptedException {
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return null;
            }
            String answer = answers.poll(Math.min(left, SLICE_MILLIS), TimeUnit.MILLISECONDS);
            if (answer != null || overtaken.getAsBoolean()) {
                return answer;
            }
        }
    }

    /** Drops answers not yet read: the next command's answer must not be confused with an old one. */
    void forgetAnswers() {
        answers.clear();
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
