package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.OrderPipeline.GROUP;
import static io.streamfleet.pipeline.OrderPipeline.TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * A network partition of the broker leading every partition of the order topic, under order load, on a 3-broker
 * cluster: the broker keeps running but nothing reaches it and nothing leaves it ({@link NetworkPartition}: iptables
 * on loopback, both directions, controller traffic included), for a configurable time, then the network heals. No
 * acknowledged order may be lost or stored twice: the isolated leader can no longer reach min.insync.replicas, so it
 * cannot acknowledge anything on its own, and the idempotent producer resends what was in flight to the new leader.
 * The cluster must move leadership within 10 s, as for a kill. Clients take longer than after a kill: a dead process's
 * connections are reset at once, a partitioned one's just go silent, so a request already sent to the old leader
 * waits out the client's request.timeout.ms (30 s by default) before it is retried elsewhere. That time is measured
 * and reported as the recovery, not bounded here beyond the test's deadline.
 */
class BrokerPartitionFaultIT {

    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    private static final Duration PARTITION = FaultOutcome.durationProperty("faults.partition", Duration.ofSeconds(15));
    /** As for a killed broker: the controller fences a broker it has not heard from for 3 s, then elects leaders. */
    private static final Duration LEADERS_MOVE_BOUND = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Two client request timeouts (30 s each) and then some: see the class comment. */
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(150);

    private static OrderPipeline pipeline;

    @BeforeAll
    static void startInfrastructure() {
        pipeline = OrderPipeline.onCluster("broker-partition");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void noAcknowledgedOrderIsLostWhenTheLeaderOfTheOrderTopicIsPartitionedAway() throws Exception {
        String unavailable = NetworkPartition.unavailableBecause();
        Assumptions.assumeTrue(unavailable == null, "no partition can be made here: " + unavailable);
        int victim = pipeline.cluster().leaderOf(TOPIC, 0).orElseThrow();
        try (Admin admin = pipeline.cluster().admin()) {
            ClusterLeadership.leadAllPartitions(admin, TOPIC, victim);
            await().atMost(DEADLINE).until(() -> ClusterLeadership.leaders(admin, TOPIC).values().stream()
                    .allMatch(leader -> leader == victim));
        }
        pipeline.startOrderService();

        try (OrderLoad load = OrderLoad.start(pipeline.bootstrap(), TOPIC, "broker-partition", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> pipeline.audit.count() >= 2L * ORDERS_PER_SECOND);

            long victimPid = NetworkPartition.pidOf("cluster-broker-partition/broker-" + victim + "/server.properties");
            Duration recovery;
            Duration leadersMoved;
            long cutSeconds;
            try (NetworkPartition partition = NetworkPartition.isolate(victimPid)) {
                // from the moment the last rule is in: making the rules takes seconds on a loaded machine, and acks
                // the broker sent meanwhile must not count as delivery after the fault
                long cutAt = System.nanoTime();
                // the rest of the cluster fences the silent broker (its session times out) and elects new leaders
                try (Admin admin = pipeline.quickAdmin()) {
                    leadersMoved = ClusterLeadership.awaitLeadersLeave(admin, TOPIC, victim, cutAt, DEADLINE);
                }
                // delivered again: on every partition, an order sent after the cut is acknowledged and in MongoDB
                recovery = load.awaitDeliveredOnEveryPartition(pipeline.audit, cutAt, 3, DELIVERY_DEADLINE);
                // the fault itself: the broker stays cut off for this long
                long left = PARTITION.toNanos() - (System.nanoTime() - cutAt);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                cutSeconds = Duration.ofNanos(System.nanoTime() - cutAt).toSeconds();
                System.out.printf("broker %d (pid %d, leader of every %s partition) cut off for %d s, still running: %s; "
                        + "leaders moved after %d ms, orders delivered again after %d ms%n", victim, victimPid, TOPIC,
                        cutSeconds, pipeline.cluster().isRunning(victim),
                        leadersMoved.toMillis(), recovery.toMillis());
            }
            pipeline.cluster().awaitFullyReplicated(DEADLINE);
            load.stop();
            System.out.printf("%d orders sent, %d failed%n", load.sent(), load.failed());
            await().atMost(DEADLINE).until(() -> pipeline.offsets.caughtUp(GROUP, TOPIC));
            Set<String> accepted = load.accepted();
            new FaultOutcome("network partition of broker leading " + TOPIC + ", cut " + cutSeconds + " s",
                    accepted, pipeline.audit.copiesByMarker(), recovery)
                    .report().assertNoDuplicates();
            assertTrue(leadersMoved.compareTo(LEADERS_MOVE_BOUND) <= 0, "leaders moved after " + leadersMoved);
            assertEquals(0, load.failed(), "acks=all with idempotence retries through the partition");
        }
    }
}
