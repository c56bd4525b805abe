package io.streamfleet.drone.messaging;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.TelloState;

/**
 * Receives the state strings Tellos push on UDP 8890 and files each under the drone whose address sent it. One
 * socket serves every drone: a Tello always pushes to port 8890 of the host that put it in SDK mode.
 */
final class TelloStateListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TelloStateListener.class);

    private final DatagramSocket socket;
    private final Map<InetAddress, DroneTelemetry> byAddress;
    private final Clock clock;
    private final Counter unreadable;
    private final Thread receiver;

    TelloStateListener(InetSocketAddress listenOn, Map<InetAddress, DroneTelemetry> byAddress, Clock clock,
            Counter unreadable) throws SocketException {
        this.socket = new DatagramSocket(listenOn);
        this.byAddress = Map.copyOf(byAddress);
        this.clock = clock;
        this.unreadable = unreadable;
        this.receiver = new Thread(this::receive, "tello-state");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warnf("receiving Tello state failed: %s", e.getMessage());
                }
                continue;
            }
            DroneTelemetry telemetry = byAddress.get(packet.getAddress());
            if (telemetry == null) {
                unreadable.increment();
                LOG.debugf("state datagram from %s, which is no configured drone", packet.getAddress());
                continue;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            try {
                telemetry.stateReceived(TelloState.parse(text), clock.millis());
            } catch (IllegalArgumentException e) {
                unreadable.increment();
                LOG.debugf("unreadable state datagram from %s: %s", packet.getAddress(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
