package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * {@code kill -9} of the broker leading every partition of the order topic, under order load, on a 3-broker cluster
 * (replication 3, min.insync.replicas 2; producer acks=all with idempotence): no acknowledged order lost, none stored
 * twice, and every partition delivers again within 10 s of the kill.
 */
class OrderBrokerKilledFaultIT {

    private static final String TOPIC = "widget-orders";
    private static final String GROUP = "widget-order-service";
    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    /** The 10 s; -Dfaults.broker-recovery-bound=15s on a machine too loaded to keep it (see NOTES-faults). */
    private static final Duration RECOVERY_BOUND = FaultOutcome.durationProperty("faults.broker-recovery-bound",
            Duration.ofSeconds(10));
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static OrderPipelineOnCluster pipeline;

    @BeforeAll
    static void startInfrastructure() {
        pipeline = OrderPipelineOnCluster.start("order-broker-killed");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void noAcknowledgedOrderIsLostWhenTheLeaderOfTheOrderTopicIsKilled() throws Exception {
        int victim = pipeline.kafka.leaderOf(TOPIC, 0).orElseThrow();
        try (Admin admin = pipeline.kafka.admin()) {
            ClusterLeadership.leadAllPartitions(admin, TOPIC, victim);
            await().atMost(DEADLINE).until(() -> ClusterLeadership.leaders(admin, TOPIC).values().stream()
                    .allMatch(leader -> leader == victim));
        }
        pipeline.startOrderService();

        try (OrderLoad load = OrderLoad.start(pipeline.kafka.bootstrap(), TOPIC, "broker-killed", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> pipeline.audit.count() >= 2L * ORDERS_PER_SECOND);

            long killedAt = System.nanoTime();
            pipeline.kafka.kill(victim);
            // delivered again: on every partition, an order acknowledged after the kill is in MongoDB
            Duration recovery = load.awaitDeliveredOnEveryPartition(pipeline.audit, killedAt, 3, DEADLINE);

            System.out.printf("killed broker %d, leader of every %s partition%n", victim, TOPIC);
            pipeline.kafka.restart(victim);
            load.stop();
            System.out.printf("%d orders sent, %d failed%n", load.sent(), load.failed());
            await().atMost(DEADLINE).until(() -> pipeline.offsets.caughtUp(GROUP, TOPIC));
            Set<String> accepted = load.accepted();
            new FaultOutcome("kill -9 broker leading " + TOPIC, accepted, pipeline.audit.copiesByMarker(), recovery)
                    .report().assertNoDuplicates().assertRecoveredWithin(RECOVERY_BOUND);
            assertEquals(0, load.failed(), "acks=all with idempotence retries through a leader change");
        }
    }
}
