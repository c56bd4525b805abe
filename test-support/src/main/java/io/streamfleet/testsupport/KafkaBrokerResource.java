package io.streamfleet.testsupport;

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

/**
 * A real Apache Kafka broker (KRaft, in the test JVM) on a free loopback port, for {@code @QuarkusTest} and
 * {@code @QuarkusIntegrationTest} alike. Topics are declared up front, as in production where auto-creation is off:
 * <pre>
 * &#64;WithTestResource(value = KafkaBrokerResource.class,
 *         initArgs = &#64;ResourceArg(name = KafkaBrokerResource.TOPICS, value = "widget-orders:3,widget-orders.dlq:1"))
 * </pre>
 * Fields of type {@link KafkaCompanion} annotated {@link InjectKafkaCompanion} receive a companion bound to it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: comma-separated {@code name[:partitions]} list of topics to create before the app starts. */
    public static final String TOPICS = "topics";

    // Held strongly: java.util.logging forgets levels of loggers nobody references.
    private static final List<Logger> QUIETED = new ArrayList<>();

    private final List<NewTopic> topics = new ArrayList<>();
    private EmbeddedKafkaBroker broker;
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        String spec = initArgs.getOrDefault(TOPICS, "");
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            int partitions = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            topics.add(new NewTopic(parts[0], partitions, (short) 1));
        }
    }

    @Override
    public Map<String, String> start() {
        quietBrokerLogs();
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("auto.create.topics.enable", "false");
                    props.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        String bootstrap = broker.getAdvertisedListeners();
        createTopics(bootstrap);
        companion = new KafkaCompanion(bootstrap);
        // This broker is plain TCP; the packaged apps that @QuarkusIntegrationTests start run in prod, whose default is
        // mutual TLS, so the protocol is part of what this resource tells them.
        return Map.of("kafka.bootstrap.servers", bootstrap, "kafka.security.protocol", "PLAINTEXT");
    }

    private void createTopics(String bootstrap) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create test topics " + topics, e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static void quietBrokerLogs() {
        for (String category : List.of("kafka", "org.apache.kafka", "org.apache.zookeeper", "state.change.logger")) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }
}
