package io.streamfleet.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.streamfleet.deploy.LocalKafkaCluster;

/**
 * The order pipeline that the order fault tests break: Kafka with every topic of deploy/topics.txt (one embedded
 * broker, or a 3-broker cluster with RF 3 / min ISR 2 for the broker faults), MongoDB on an H2 file that can be stopped
 * and started, packaged widget-order-service processes, and the audits that count what was stored and committed. One
 * per test class, named for its data directories; closing it stops everything it started.
 */
final class OrderPipeline implements AutoCloseable {

    static final String TOPIC = "widget-orders";
    static final String GROUP = "widget-order-service";
    static final String DATABASE = "streamfleet";
    private static final String SERVICE = "widget-order-service";
    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();

    /** The 3-broker cluster, or null on one embedded broker. */
    private final LocalKafkaCluster cluster;
    final LocalCluster services;
    final RestartableMongo mongo;
    final OrderStoreAudit audit;
    final KafkaOffsets offsets;

    private OrderPipeline(LocalKafkaCluster cluster, LocalCluster services, String name) {
        this.cluster = cluster;
        this.services = services;
        mongo = new RestartableMongo(Path.of("target", "faults", name + ".mv.db"));
        audit = new OrderStoreAudit(mongo.uri(), DATABASE);
        offsets = new KafkaOffsets(services.bootstrap());
    }

    /** On one embedded broker: for faults of the service and of MongoDB. */
    static OrderPipeline onOneBroker(String name) {
        LocalCluster services = new LocalCluster();
        try {
            return new OrderPipeline(null, services, name);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /** On a 3-broker {@link LocalKafkaCluster}: for faults of the brokers. */
    static OrderPipeline onCluster(String name) {
        LocalKafkaCluster kafka = LocalKafkaCluster.builder(Path.of("target", "faults", "cluster-" + name)).fresh().start();
        try {
            kafka.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
            return new OrderPipeline(kafka, new LocalCluster(kafka.bootstrap()), name);
        } catch (RuntimeException e) {
            kafka.close(); // the brokers are child processes: never leave them running behind a failed start
            throw e;
        }
    }

    String bootstrap() {
        return services.bootstrap();
    }

    /** The 3-broker cluster, for the faults that kill or cut off a broker. */
    LocalKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("this pipeline runs on one embedded broker (OrderPipeline.onCluster)");
        }
        return cluster;
    }

    /** widget-order-service on this Kafka and MongoDB, stopped on {@link #close()}. */
    ServiceProcess startOrderService() {
        return services.start(SERVICE, orderServiceEnvironment());
    }

    /** widget-order-service that the caller stops itself, e.g. to kill it and start another. */
    ServiceProcess startDetachedOrderService() {
        return services.startDetached(SERVICE, orderServiceEnvironment());
    }

    private Map<String, String> orderServiceEnvironment() {
        return Map.of("MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", DATABASE);
    }

    /**
     * An admin client that gives up on an unreachable (killed or cut-off) broker within seconds, not the default
     * minute, so that watching leadership during a fault measures the cluster, not the client; the caller closes it.
     */
    Admin quickAdmin() {
        Map<String, Object> config = new HashMap<>(cluster().adminClientConfig());
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1_000);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        return Admin.create(config);
    }

    @Override
    public void close() {
        offsets.close();
        audit.close();
        services.close();
        mongo.close();
        if (cluster != null) {
            cluster.close();
        }
    }
}
