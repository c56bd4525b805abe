package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.OrderPipeline.GROUP;
import static io.streamfleet.pipeline.OrderPipeline.TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of widget-order-service while orders flow: orders it had stored but not yet committed are
 * delivered again to its restarted self, and the idempotent upsert must turn that replay into nothing new.
 */
class OrderServiceKilledFaultIT {

    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static OrderPipeline pipeline;

    @BeforeAll
    static void startInfrastructure() {
        pipeline = OrderPipeline.onOneBroker("order-service-killed");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void noOrderIsLostOrDuplicatedWhenTheServiceIsKilledInTheMiddleOfABatch() {
        ServiceProcess orders = pipeline.startDetachedOrderService();
        ServiceProcess restarted = null;
        long killedAt;
        long uncommittedAtKill;
        Duration recovery;
        try (OrderLoad load = OrderLoad.start(pipeline.bootstrap(), TOPIC, "killed-service", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> pipeline.audit.count() >= ORDERS_PER_SECOND);
            // In the middle of a batch: orders are in MongoDB whose offsets are not committed yet, so the restarted
            // service gets them again.
            long[] stored = new long[2];
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> {
                stored[1] = pipeline.offsets.committedTotal(GROUP, TOPIC);
                stored[0] = pipeline.audit.count();
                return stored[0] > stored[1];
            });
            killedAt = System.nanoTime();
            orders.kill();
            uncommittedAtKill = stored[0] - stored[1];
            long storedAtKill = pipeline.audit.count();
            long committedAtKill = pipeline.offsets.committedTotal(GROUP, TOPIC);

            restarted = pipeline.startDetachedOrderService();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> pipeline.audit.count() > storedAtKill);
            recovery = Duration.ofNanos(System.nanoTime() - killedAt);
            // keep the load on a little after recovery, so the restarted service also takes new orders
            long recoveredCommit = committedAtKill;
            await().atMost(DEADLINE).until(() -> pipeline.offsets.committedTotal(GROUP, TOPIC) > recoveredCommit + ORDERS_PER_SECOND);
            load.stop();
            System.out.printf("killed widget-order-service (pid %d) with ~%d orders stored but not committed; "
                    + "%d sent, %d failed%n", orders.pid(), uncommittedAtKill, load.sent(), load.failed());

            await().atMost(DEADLINE).until(() -> pipeline.offsets.caughtUp(GROUP, TOPIC));
            FaultOutcome outcome = new FaultOutcome("kill -9 widget-order-service mid-batch", load.accepted(),
                    pipeline.audit.copiesByMarker(), recovery);
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
