package io.streamfleet.drone;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamfleet.testsupport.FakeTello;

/**
 * A fake Tello on a free loopback port, configured as drone {@code tello-1} paired with headset {@code h1}; the
 * service listens for its state pushes on another free loopback port.
 */
public class FakeTelloResource implements QuarkusTestResourceLifecycleManager {

    public static final String DRONE = "tello-1";
    public static final String HEADSET = "h1";

    private FakeTello tello;

    @Override
    public Map<String, String> start() {
        tello = FakeTello.start();
        int statePort = freeUdpPort();
        // As a Tello in SDK mode: state ten times a second (the policy sees the link DOWN without it).
        tello.pushStateEvery(statePort, Duration.ofMillis(100));
        String prefix = "streamfleet.drone.drones.\"" + DRONE + "\".";
        return Map.of(prefix + "address", "127.0.0.1",
                prefix + "command-port", Integer.toString(tello.commandPort()),
                prefix + "headset", HEADSET,
                "streamfleet.drone.link.state-listen-address", "127.0.0.1",
                "streamfleet.drone.link.state-listen-port", Integer.toString(statePort));
    }

    private static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException("no free UDP port on loopback", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(tello,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeTello.class, FakeTello.class));
    }

    @Override
    public void stop() {
        if (tello != null) {
            tello.close();
        }
    }
}
