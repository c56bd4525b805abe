package io.streamfleet.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DJI Tello on a loopback UDP port, speaking the SDK's text protocol: every datagram is recorded (in order, with its
 * arrival time) and answered {@code ok}, {@code error}, a configured text (for reads such as {@code battery?}), or
 * nothing at all (a lost datagram, so the sender times out). It can push state strings, as the drone does on UDP 8890.
 * It keeps a rough flight model (takeoff/land/emergency) only so that pushed state shows a plausible height.
 * <p>
 * In tests: {@code FakeTello.start()}, point the drone's address/command-port at {@link #commandPort()}, then
 * {@link #awaitCommands(String...)}. As a process in the local stack: {@code java ... FakeTello <command port>
 * <state target port>} serves until killed and pushes state every second.
 */
public final class FakeTello implements AutoCloseable {

    /** How the fake answers a command. */
    public enum Reply {
        OK, ERROR, SILENT
    }

    /** One datagram as the fake received it. */
    public record Received(String text, Instant at) {
    }

    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);

    private final DatagramSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> silentTimes = new ConcurrentHashMap<>();
    private final Map<String, String> readAnswers = new ConcurrentHashMap<>();
    private final AtomicReference<Reply> defaultReply = new AtomicReference<>(Reply.OK);
    private final ScheduledExecutorService pusher;
    private final Thread server;
    private volatile boolean flying;
    private volatile boolean echo;
    private volatile int battery = 87;
    private volatile Duration minReplyDelay = Duration.ZERO;
    private volatile Duration maxReplyDelay = Duration.ZERO;
    private final ScheduledExecutorService replier;

    private FakeTello(DatagramSocket socket) {
        this.socket = socket;
        this.pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fake-tello-state-" + socket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        this.replier = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "fake-tello-replies-" + socket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        this.server = new Thread(this::serve, "fake-tello-" + socket.getLocalPort());
        this.server.setDaemon(true);
        this.server.start();
    }

    /** A fake Tello on a free loopback port. */
    public static FakeTello start() {
        return start(0);
    }

    /** A fake Tello on the given loopback port (0 picks a free one). */
    public static FakeTello start(int port) {
        try {
            return new FakeTello(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        } catch (SocketException e) {
            throw new IllegalStateException("cannot bind a fake Tello to loopback port " + port, e);
        }
    }

    public int commandPort() {
        return socket.getLocalPort();
    }

    /** The texts received so far, oldest first. */
    public List<String> received() {
        return received.stream().map(Received::text).toList();
    }

    /** The datagrams received so far with their arrival times, oldest first. */
    public List<Received> receivedWithTimes() {
        return List.copyOf(received);
    }

    /** Forgets what was received (replies configured stay). */
    public void clearReceived() {
        received.clear();
    }

    /** How every command without its own rule is answered (default {@code ok}). */
    public void replyToAll(Reply reply) {
        defaultReply.set(reply);
    }

    /** How one command (the text's first word, e.g. {@code takeoff} or {@code forward}) is answered from now on. */
    public void replyTo(String command, Reply reply) {
        replies.put(command, reply);
    }

    /** The next {@code times} datagrams of this command get no answer at all, as if lost; later ones are answered. */
    public void stayMuteFor(String command, int times) {
        silentTimes.put(command, new AtomicInteger(times));
    }

    /** The text a read command (e.g. {@code battery?}) is answered with. */
    public void answerRead(String command, String answer) {
        readAnswers.put(command, answer);
    }

    /**
     * Answers each command only after a delay drawn uniformly from {@code min..max}, as a Tello answers a move when it
     * has finished it; datagrams arriving meanwhile are received (and recorded) at once.
     */
    public void delayReplies(Duration min, Duration max) {
        minReplyDelay = min;
        maxReplyDelay = max;
    }

    /** The battery level pushed with the state from now on. */
    public void battery(int percent) {
        battery = percent;
    }

    /** The drone lands on its own (its own auto-land, a low battery, a hand): pushed height 0 from now on. */
    public void landsByItself() {
        flying = false;
    }

    public boolean flying() {
        return flying;
    }

    /** Restores the defaults: everything answered {@code ok} at once, battery 87 %. */
    public void reset() {
        replies.clear();
        silentTimes.clear();
        readAnswers.clear();
        defaultReply.set(Reply.OK);
        delayReplies(Duration.ZERO, Duration.ZERO);
        battery = 87;
    }

    /**
     * Waits until {@code expected} appear among the received texts in this order (other texts may come between them),
     * and returns everything received.
     */
    public List<String> awaitCommands(String... expected) {
        return awaitCommands(DEFAULT_DEADLINE, expected);
    }

    public List<String> awaitCommands(Duration deadline, String... expected) {
        return await().atMost(deadline).pollInterval(Duration.ofMillis(20))
                .until(this::received, texts -> containsInOrder(texts, List.of(expected)));
    }

    /** True when {@code expected} is a subsequence of {@code texts}. */
    public static boolean containsInOrder(List<String> texts, List<String> expected) {
        int next = 0;
        for (String text : texts) {
            if (next < expected.size() && text.equals(expected.get(next))) {
                next++;
            }
        }
        return next == expected.size();
    }

    /** A state string in the Tello's format with the given battery, height and temperature range. */
    public static String state(int batteryPercent, int heightCm, int tempLowC, int tempHighC) {
        return "pitch:0;roll:0;yaw:0;vgx:0;vgy:0;vgz:0;templ:" + tempLowC + ";temph:" + tempHighC + ";tof:10;h:"
                + heightCm + ";bat:" + batteryPercent + ";baro:193.43;time:0;agx:0.00;agy:0.00;agz:-1000.00;\r\n";
    }

    /** Sends one state datagram to {@code port} on loopback, as the drone does to UDP 8890. */
    public void pushState(int port, String state) {
        byte[] bytes = state.getBytes(StandardCharsets.US_ASCII);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot push state to port " + port, e);
        }
    }

    /** Pushes this fake's current state to {@code port} every {@code period}, until closed. */
    public void pushStateEvery(int port, Duration period) {
        pusher.scheduleAtFixedRate(() -> {
            try {
                pushState(port, state(battery, flying ? 80 : 0, 60, 63));
            } catch (RuntimeException e) {
                System.err.println("fake Tello: " + e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).trim();
            Received datagram = new Received(text, Instant.now());
            received.add(datagram);
            if (echo) {
                System.out.println(datagram.at() + " " + text);
            }
            String answer = answer(text);
            if (answer != null) {
                var sender = packet.getSocketAddress();
                long delay = replyDelayMillis();
                if (delay == 0) {
                    reply(answer, sender);
                } else {
                    replier.schedule(() -> reply(answer, sender), delay, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private long replyDelayMillis() {
        long min = minReplyDelay.toMillis();
        long max = maxReplyDelay.toMillis();
        return max <= min ? min : java.util.concurrent.ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    private void reply(String answer, java.net.SocketAddress to) {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            // closed: the fake is shutting down
        }
    }

    private String answer(String text) {
        String command = text.split(" ", 2)[0];
        AtomicInteger mute = silentTimes.get(command);
        if (mute != null && mute.getAndDecrement() > 0) {
            return null;
        }
        Reply reply = replies.getOrDefault(command, defaultReply.get());
        if (reply == Reply.SILENT) {
            return null;
        }
        if (reply == Reply.ERROR) {
            return "error";
        }
        switch (command) {
            case "takeoff" -> flying = true;
            case "land", "emergency" -> flying = false;
            default -> {
                // moves, reads and mode changes do not change the rough flight model
            }
        }
        if (command.endsWith("?")) {
            return readAnswers.getOrDefault(command, command.equals("battery?") ? Integer.toString(battery) : "ok");
        }
        return "ok";
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        replier.shutdownNow();
        socket.close();
        try {
            server.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code FakeTello <command port> <state target port> [reply delay ms, or min-max]}: serves on loopback until killed,
     * state 10 times a second, each answer after the delay (as a Tello answers a move when it has finished it).
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FakeTello <command port> <state target port> [reply delay ms, or min-max]");
            System.exit(2);
        }
        FakeTello tello = start(Integer.parseInt(args[0]));
        int statePort = Integer.parseInt(args[1]);
        if (args.length == 3 && !args[2].isBlank()) {
            String[] range = args[2].split("-", 2);
            tello.delayReplies(Duration.ofMillis(Long.parseLong(range[0].trim())),
                    Duration.ofMillis(Long.parseLong(range[range.length - 1].trim())));
        }
        tello.pushStateEvery(statePort, Duration.ofMillis(100));
        tello.echo = true;
        System.out.println("fake Tello listening on 127.0.0.1:" + tello.commandPort() + ", state to port " + statePort
                + ", answers after " + tello.minReplyDelay.toMillis() + "-" + tello.maxReplyDelay.toMillis() + " ms");
        Thread.currentThread().join();
    }
}
