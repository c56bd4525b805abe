package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.streamfleet.deploy.LocalKafkaCluster;

/**
 * {@code kill -9} of the broker leading every partition of the order topic, under order load, on a 3-broker cluster
 * (replication 3, min.insync.replicas 2; producer acks=all with idempotence): no acknowledged order lost, none stored
 * twice, and every partition delivers again within 10 s of the kill.
 */
class OrderBrokerKilledFaultIT {

    private static final Path ROOT = Path.of(System.getProperty("streamfleet.root", "..")).toAbsolutePath().normalize();
    private static final String TOPIC = "widget-orders";
    private static final String GROUP = "widget-order-service";
    private static final String DATABASE = "streamfleet";
    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    /** The 10 s; -Dfaults.broker-recovery-bound=15s on a machine too loaded to keep it (see NOTES-faults). */
    private static final Duration RECOVERY_BOUND = FaultOutcome.durationProperty("faults.broker-recovery-bound",
            Duration.ofSeconds(10));
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static LocalKafkaCluster kafka;
    private static LocalCluster services;
    private static RestartableMongo mongo;
    private static OrderStoreAudit audit;
    private static KafkaOffsets offsets;

    @BeforeAll
    static void startInfrastructure() {
        kafka = LocalKafkaCluster.builder(Path.of("target", "faults", "cluster-order-broker-killed")).fresh().start();
        kafka.createTopics(ROOT.resolve("deploy/topics.txt"), Duration.ofSeconds(60));
        services = new LocalCluster(kafka.bootstrap());
        mongo = new RestartableMongo(Path.of("target", "faults", "order-broker-killed.mv.db"));
        audit = new OrderStoreAudit(mongo.uri(), DATABASE);
        offsets = new KafkaOffsets(kafka.bootstrap());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (offsets != null) {
            offsets.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (services != null) {
            services.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void noAcknowledgedOrderIsLostWhenTheLeaderOfTheOrderTopicIsKilled() throws Exception {
        int victim = kafka.leaderOf(TOPIC, 0).orElseThrow();
        try (Admin admin = kafka.admin()) {
            ClusterLeadership.leadAllPartitions(admin, TOPIC, victim);
            await().atMost(DEADLINE).until(() -> ClusterLeadership.leaders(admin, TOPIC).values().stream()
                    .allMatch(leader -> leader == victim));
        }
        services.start("widget-order-service", Map.of("MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", DATABASE));

        try (OrderLoad load = OrderLoad.start(kafka.bootstrap(), TOPIC, "broker-killed", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> audit.count() >= 2L * ORDERS_PER_SECOND);

            long killedAt = System.nanoTime();
            kafka.kill(victim);
            // delivered again: on every partition, an order acknowledged after the kill is in MongoDB
            Duration recovery = load.awaitDeliveredOnEveryPartition(audit, killedAt, 3, DEADLINE);

            System.out.printf("killed broker %d, leader of every %s partition%n", victim, TOPIC);
            kafka.restart(victim);
            load.stop();
            System.out.printf("%d orders sent, %d failed%n", load.sent(), load.failed());
            await().atMost(DEADLINE).until(() -> offsets.caughtUp(GROUP, TOPIC));
            Set<String> accepted = load.accepted();
            new FaultOutcome("kill -9 broker leading " + TOPIC, accepted, audit.copiesByMarker(), recovery)
                    .report().assertNoDuplicates().assertRecoveredWithin(RECOVERY_BOUND);
            assertEquals(0, load.failed(), "acks=all with idempotence retries through a leader change");
        }
    }
}
