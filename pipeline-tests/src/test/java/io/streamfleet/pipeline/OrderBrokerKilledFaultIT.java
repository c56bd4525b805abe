package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.OrderPipeline.GROUP;
import static io.streamfleet.pipeline.OrderPipeline.TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * {@code kill -9} of the broker leading every partition of the order topic, under order load, on a 3-broker cluster
 * (replication 3, min.insync.replicas 2; producer acks=all with idempotence): no acknowledged order lost, none stored
 * twice, and every partition delivers again within 10 s of the kill. The victim is always the active controller too,
 * the worst case (a controller election comes before the partitions' leaders can move), so the figure does not depend
 * on which broker happened to lead.
 */
class OrderBrokerKilledFaultIT {

    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    /** The 10 s; -Dfaults.broker-recovery-bound=15s on a machine too loaded to keep it. */
    private static final Duration RECOVERY_BOUND = FaultOutcome.durationProperty("faults.broker-recovery-bound",
            Duration.ofSeconds(10));
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static OrderPipeline pipeline;

    @BeforeAll
    static void startInfrastructure() {
        pipeline = OrderPipeline.onCluster("order-broker-killed");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void noAcknowledgedOrderIsLostWhenTheLeaderOfTheOrderTopicIsKilled() throws Exception {
        int victim = pipeline.cluster().activeController();
        try (Admin admin = pipeline.cluster().admin()) {
            ClusterLeadership.leadAllPartitions(admin, TOPIC, victim);
            await().atMost(DEADLINE).until(() -> ClusterLeadership.leaders(admin, TOPIC).values().stream()
                    .allMatch(leader -> leader == victim));
        }
        pipeline.startOrderService();

        try (OrderLoad load = OrderLoad.start(pipeline.bootstrap(), TOPIC, "broker-killed", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> pipeline.audit.count() >= 2L * ORDERS_PER_SECOND);
            Duration recovery;
            try (Admin watcher = pipeline.quickAdmin()) {
                long killedAt = System.nanoTime();
                pipeline.cluster().kill(victim);
                // how long the cluster itself takes (controller election, fencing, leader election), watched beside
                // the delivery check so that neither delays the other's clock
                CompletableFuture<Duration> leadersMoved = CompletableFuture.supplyAsync(
                        () -> ClusterLeadership.awaitLeadersLeave(watcher, TOPIC, victim, killedAt, DEADLINE));
                // delivered again: on every partition, an order acknowledged after the kill is in MongoDB
                recovery = load.awaitDeliveredOnEveryPartition(pipeline.audit, killedAt, 3, DEADLINE);
                System.out.printf("killed broker %d, leader of every %s partition and the active controller; leaders "
                        + "moved after %d ms, orders delivered again after %d ms%n", victim, TOPIC,
                        leadersMoved.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).toMillis(), recovery.toMillis());
            }
            pipeline.cluster().restart(victim);
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
