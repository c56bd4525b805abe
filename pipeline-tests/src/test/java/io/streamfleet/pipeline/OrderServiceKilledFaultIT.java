package io.streamfleet.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of widget-order-service while orders flow: orders it had stored but not yet committed are
 * delivered again to its restarted self, and the idempotent upsert must turn that replay into nothing new.
 */
class OrderServiceKilledFaultIT {

    private static final String TOPIC = "widget-orders";
    private static final String GROUP = "widget-order-service";
    private static final String DATABASE = "streamfleet";
    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static LocalCluster cluster;
    private static RestartableMongo mongo;
    private static OrderStoreAudit audit;
    private static KafkaOffsets offsets;

    @BeforeAll
    static void startInfrastructure() {
        cluster = new LocalCluster();
        mongo = new RestartableMongo(Path.of("target", "faults", "order-service-killed.mv.db"));
        audit = new OrderStoreAudit(mongo.uri(), DATABASE);
        offsets = new KafkaOffsets(cluster.bootstrap());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (offsets != null) {
            offsets.close();
        }
        if (audit != null) {
            audit.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    private static ServiceProcess startOrderService() {
        return cluster.startDetached("widget-order-service", Map.of("MONGODB_URI", mongo.uri(),
                "MONGODB_DATABASE", DATABASE));
    }

    @Test
    void noOrderIsLostOrDuplicatedWhenTheServiceIsKilledInTheMiddleOfABatch() {
        ServiceProcess orders = startOrderService();
        ServiceProcess restarted = null;
        long killedAt;
        long uncommittedAtKill;
        Duration recovery;
        try (OrderLoad load = OrderLoad.start(cluster.bootstrap(), TOPIC, "killed-service", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> audit.count() >= ORDERS_PER_SECOND);
            // In the middle of a batch: orders are in MongoDB whose offsets are not committed yet, so the restarted
            // service gets them again.
            long[] stored = new long[2];
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> {
                stored[1] = offsets.committedTotal(GROUP, TOPIC);
                stored[0] = audit.count();
                return stored[0] > stored[1];
            });
            killedAt = System.nanoTime();
            orders.kill();
            uncommittedAtKill = stored[0] - stored[1];
            long storedAtKill = audit.count();
            long committedAtKill = offsets.committedTotal(GROUP, TOPIC);

            restarted = startOrderService();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> audit.count() > storedAtKill);
            recovery = Duration.ofNanos(System.nanoTime() - killedAt);
            // keep the load on a little after recovery, so the restarted service also takes new orders
            long recoveredCommit = committedAtKill;
            await().atMost(DEADLINE).until(() -> offsets.committedTotal(GROUP, TOPIC) > recoveredCommit + ORDERS_PER_SECOND);
            load.stop();
            System.out.printf("killed widget-order-service (pid %d) with ~%d orders stored but not committed; "
                    + "%d sent, %d failed%n", orders.pid(), uncommittedAtKill, load.sent(), load.failed());

            await().atMost(DEADLINE).until(() -> offsets.caughtUp(GROUP, TOPIC));
            FaultOutcome outcome = new FaultOutcome("kill -9 widget-order-service mid-batch", load.accepted(),
                    audit.copiesByMarker(), recovery);
            outcome.report().assertNoDuplicates();
            assertTrue(uncommittedAtKill > 0, "the kill hit a batch stored but not committed");
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            orders.close();
        }
    }
}
