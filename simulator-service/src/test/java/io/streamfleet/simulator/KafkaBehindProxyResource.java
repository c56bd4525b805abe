package io.streamfleet.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.streamfleet.testsupport.InjectKafkaCompanion;
import io.streamfleet.testsupport.InjectTcpProxy;
import io.streamfleet.testsupport.TcpProxy;

/**
 * A real Kafka broker that clients can only reach through a {@link TcpProxy}: the broker listens on a private port and
 * advertises the proxy's, so after bootstrapping every producer connection (data and metadata) goes through the proxy,
 * and {@link TcpProxy#cut()} stalls the producers without touching the broker (its controller link is direct).
 */
public class KafkaBehindProxyResource implements QuarkusTestResourceLifecycleManager {

    private static final List<Logger> QUIETED = new ArrayList<>();

    private EmbeddedKafkaBroker broker;
    private TcpProxy proxy;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
        try {
            int brokerPort = freePort();
            proxy = new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort));
            String advertised = proxy.host() + ":" + proxy.port();
            broker = new EmbeddedKafkaBroker().withKafkaPort(brokerPort).withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(props -> {
                        props.put("advertised.listeners", "PLAINTEXT://" + advertised);
                        props.put("auto.create.topics.enable", "false");
                        props.put("group.initial.rebalance.delay.ms", "0");
                    })
                    .start();
            createTopics(advertised);
            companion = new KafkaCompanion(advertised);
            return Map.of("kafka.bootstrap.servers", advertised);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void createTopics(String bootstrap) {
        List<NewTopic> topics = new ArrayList<>();
        for (String entry : SimulatorInfrastructure.topics().split(",")) {
            String[] parts = entry.split(":");
            topics.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test topics", e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectTcpProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
