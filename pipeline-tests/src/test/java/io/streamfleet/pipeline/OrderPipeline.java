package io.streamfleet.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.streamfleet.deploy.LocalKafkaCluster;

/**
 * The order pipeline on a 3-broker cluster that the broker fault tests break: the brokers (every topic of
 * deploy/topics.txt, RF 3 / min ISR 2), MongoDB on an H2 file, widget-order-service, and the audits that count what
 * was stored and committed. One per test class, named for its data directories; closing it stops everything.
 */
final class OrderPipelineOnCluster implements AutoCloseable {

    static final String DATABASE = "streamfleet";
    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();

    final LocalKafkaCluster kafka;
    final LocalCluster services;
    final RestartableMongo mongo;
    final OrderStoreAudit audit;
    final KafkaOffsets offsets;

    private OrderPipelineOnCluster(LocalKafkaCluster kafka, String name) {
        this.kafka = kafka;
        kafka.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
        services = new LocalCluster(kafka.bootstrap());
        mongo = new RestartableMongo(Path.of("target", "faults", name + ".mv.db"));
        audit = new OrderStoreAudit(mongo.uri(), DATABASE);
        offsets = new KafkaOffsets(kafka.bootstrap());
    }

    static OrderPipelineOnCluster start(String name) {
        LocalKafkaCluster kafka = LocalKafkaCluster.builder(Path.of("target", "faults", "cluster-" + name)).fresh().start();
        try {
            return new OrderPipelineOnCluster(kafka, name);
        } catch (RuntimeException e) {
            kafka.close(); // the brokers are child processes: never leave them running behind a failed start
            throw e;
        }
    }

    ServiceProcess startOrderService() {
        return services.start("widget-order-service", Map.of("MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", DATABASE));
    }

    @Override
    public void close() {
        offsets.close();
        audit.close();
        services.close();
        mongo.close();
        kafka.close();
    }
}
