package io.streamfleet.pipeline;

import static io.streamfleet.pipeline.OrderPipeline.GROUP;
import static io.streamfleet.pipeline.OrderPipeline.TOPIC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MongoDB server stopped under order load, then started again on the same port with the same data. The consumer
 * must wait rather than run ahead: no offset committed past what is stored, readiness DOWN while it waits, memory
 * flat, and afterwards every order stored exactly once.
 */
class MongoOutageFaultIT {

    private static final int ORDERS_PER_SECOND = FaultOutcome.intProperty("faults.orders-per-second", 200);
    /** 20 s in CI; the 60 s with -Dfaults.mongo-outage=60s. */
    private static final Duration OUTAGE = FaultOutcome.durationProperty("faults.mongo-outage", Duration.ofSeconds(20));
    /** The Mongo health check needs its 3 s server-selection timeout to notice; commits in flight land within 1 s. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * Growth of the service's resident memory allowed during the outage. Held-back orders stay in Kafka: the consumer
     * holds one poll (max.poll.records 500 orders of ~150 B) and its fetch buffer, well under a megabyte; the rest of
     * the bound is the JVM's own slack (heap capped at 256 MB, serial GC growing the young generation between
     * collections, JIT). A consumer that kept polling into memory would grow with every second of outage instead.
     */
    private static final long RSS_GROWTH_BOUND = 64L * 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static OrderPipeline pipeline;

    @BeforeAll
    static void startInfrastructure() {
        pipeline = OrderPipeline.onOneBroker("mongo-outage");
    }

    @AfterAll
    static void stopInfrastructure() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** One observation of the service during the outage. */
    private record Sample(long atMillis, long rssBytes, Map<Integer, Long> committed) {
    }

    /** One readiness probe during the outage: when it was asked, its status, how long the answer took. */
    private record Probe(long atMillis, int status, long tookMillis) {
    }

    @Test
    void consumerWaitsOutAMongoOutageAndStoresEveryOrderOnceAfter() throws InterruptedException {
        ServiceProcess orders = pipeline.startOrderService();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<Probe> probes = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        try (OrderLoad load = OrderLoad.start(pipeline.bootstrap(), TOPIC, "mongo-outage", ORDERS_PER_SECOND)) {
            await().atMost(DEADLINE).until(() -> pipeline.audit.count() >= 2L * ORDERS_PER_SECOND);
            long rssBefore = orders.residentBytes();

            long outageStart = System.currentTimeMillis();
            pipeline.mongo.stop();
            sampler.scheduleAtFixedRate(() -> samples.add(new Sample(System.currentTimeMillis(),
                    orders.residentBytes(), pipeline.offsets.committed(GROUP, TOPIC))), 0, 500, TimeUnit.MILLISECONDS);
            // probes on their own thread: a readiness answer takes as long as the Mongo check's server selection
            prober.scheduleWithFixedDelay(() -> {
                long asked = System.currentTimeMillis();
                int status = orders.statusOf("/q/health/ready", Duration.ofSeconds(10));
                probes.add(new Probe(asked, status, System.currentTimeMillis() - asked));
            }, 0, 250, TimeUnit.MILLISECONDS);
            long endBefore = pipeline.offsets.endTotal(TOPIC);
            // the fault itself: MongoDB is down for this long
            TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
            sampler.shutdown();
            prober.shutdown();
            assertTrue(sampler.awaitTermination(10, TimeUnit.SECONDS) && prober.awaitTermination(15, TimeUnit.SECONDS));
            long endDuring = pipeline.offsets.endTotal(TOPIC);
            pipeline.mongo.start();
            long restoredAt = System.nanoTime();

            long storedBefore = pipeline.audit.count();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> pipeline.audit.count() > storedBefore);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restoredAt);
            await().atMost(DEADLINE).until(() -> orders.statusOf("/q/health/ready", Duration.ofSeconds(10)) == 200);
            load.stop();
            await().atMost(DEADLINE).until(() -> pipeline.offsets.caughtUp(GROUP, TOPIC));

            List<Sample> settled = samples.stream().filter(s -> s.atMillis() >= outageStart + SETTLE.toMillis()).toList();
            List<Probe> settledProbes = probes.stream().filter(p -> p.atMillis() >= outageStart + SETTLE.toMillis())
                    .toList();
            long rssMax = samples.stream().mapToLong(Sample::rssBytes).max().orElseThrow();
            System.out.printf("MongoDB down %d s: %d orders produced meanwhile; committed %s -> %s; readiness %s; "
                    + "answered in up to %d ms; RSS %d MB before, max %d MB during%n", OUTAGE.toSeconds(),
                    endDuring - endBefore, settled.get(0).committed(), settled.get(settled.size() - 1).committed(),
                    probes.stream().map(p -> Integer.toString(p.status())).distinct().toList(),
                    probes.stream().mapToLong(Probe::tookMillis).max().orElse(-1),
                    rssBefore >> 20, rssMax >> 20);

            assertTrue(endDuring - endBefore > ORDERS_PER_SECOND, "orders kept arriving during the outage");
            assertTrue(settled.stream().allMatch(s -> s.committed().equals(settled.get(0).committed())),
                    "no offset is committed while MongoDB is down: " + settled);
            assertTrue(!settledProbes.isEmpty() && settledProbes.stream().allMatch(p -> p.status() == 503),
                    "readiness DOWN while it waits: " + settledProbes);
            assertTrue(rssMax - rssBefore <= RSS_GROWTH_BOUND, "resident memory grew by " + ((rssMax - rssBefore) >> 20)
                    + " MB during the outage");
            new FaultOutcome("MongoDB down " + OUTAGE.toSeconds() + " s", load.accepted(), pipeline.audit.copiesByMarker(),
                    recovery).report().assertNoDuplicates();
        } finally {
            sampler.shutdownNow();
            prober.shutdownNow();
        }
    }
}
