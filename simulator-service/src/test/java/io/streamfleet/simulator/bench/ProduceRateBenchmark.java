package io.streamfleet.simulator.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.tools.ProducerPerformance;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.streamfleet.simulator.domain.SourceStatus;

/**
 * Records per second of 200 bytes: Kafka's own ProducerPerformance against the simulator's path (pacer, sampler, rate
 * limiter, priority outbox, sender thread, SmallRye emitter, producer) on the same in-JVM broker, with the same
 * producer settings (acks=all, idempotence, lz4, 3 partitions). The simulator's figure is the highest rate it is asked
 * for and sustains without dropping (stepping down from ProducerPerformance's rate), measured over the same record
 * count. Prints both, the rate of a bare SmallRye emitter for reference, and the ratio (goal >= 80%);
 * asserts only that every counted record was acknowledged. Not part of {@code ./mvnw verify}; run it with:
 * <pre>./mvnw -pl simulator-service -am verify -Dtest=ProduceRateBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@QuarkusTest
@TestProfile(ProduceRateInfrastructure.class)
class ProduceRateBenchmark {

    private static final int RECORDS = Integer.getInteger("bench.records", 300_000);
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    @Inject
    FixedSizeSource source;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    @Channel(ProduceRateInfrastructure.EMITTER_CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65_536)
    MutinyEmitter<byte[]> emitter;

    /**
     * The same records through a SmallRye emitter alone (20,000 in flight, no pacing or burst protection): tells how
     * much of the gap to ProducerPerformance is the messaging layer rather than the simulator's own path.
     */
    private double emitterAlone(int records) throws InterruptedException {
        Semaphore inFlight = new Semaphore(20_000);
        CountDownLatch acked = new CountDownLatch(records);
        byte[] payload = new byte[FixedSizeSource.RECORD_SIZE];
        java.util.Arrays.fill(payload, (byte) 'A');
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            inFlight.acquire();
            emitter.sendMessageAndForget(Message.of(payload, () -> {
                inFlight.release();
                acked.countDown();
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                inFlight.release();
                return CompletableFuture.completedFuture(null);
            }));
        }
        if (!acked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the emitter did not get every record acknowledged");
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs ProducerPerformance in this JVM and reads its own summary line. */
    private double producerPerformance(int records) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(new String[] { "--topic", ProduceRateInfrastructure.PERF_TOPIC,
                    "--num-records", Integer.toString(records), "--record-size",
                    Integer.toString(FixedSizeSource.RECORD_SIZE), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true", "compression.type=lz4" });
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        Matcher matcher = SUMMARY.matcher(output);
        while (matcher.find()) {
            if (Long.parseLong(matcher.group(1)) == records) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new IllegalStateException("no ProducerPerformance summary for " + records + " records in:\n" + output);
    }

    /** Runs the bench source until {@code records} more are acknowledged; records/s from start to the last ack. */
    private double simulator(int records, double askedRate) {
        source.setRate(askedRate);
        SourceStatus before = source.status();
        long start = System.nanoTime();
        source.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> source.status().acknowledged() - before.acknowledged() >= records);
        long elapsed = System.nanoTime() - start;
        source.stop();
        SourceStatus after = await().atMost(Duration.ofMinutes(1)).until(source::status,
                s -> s.queueDepth() == 0 && s.sent() == s.acknowledged() + s.failed());
        assertEquals(0, after.failed() - before.failed(), "every record the simulator sent was acknowledged");
        lastDropped = after.dropped() - before.dropped();
        lastGenerated = after.generated() - before.generated();
        return records / (elapsed / 1e9);
    }

    private long lastDropped;
    private long lastGenerated;

    @Test
    void simulatorProduceRateAgainstProducerPerformance() throws Exception {
        // warm both paths up (JIT, connections, metadata) before measuring
        producerPerformance(RECORDS / 5);
        simulator(RECORDS / 5, 50_000);

        emitterAlone(RECORDS / 5);

        double perfRate = producerPerformance(RECORDS);
        double emitterRate = emitterAlone(RECORDS);
        // a simulated source never waits: asked for more than the path carries, it drops (and burns the CPU it shares
        // with the broker on records that are dropped). Its produce rate is the highest asked rate it sustains
        // without drops, stepping down from ProducerPerformance's rate.
        double asked = perfRate;
        double simulatorRate = simulator(RECORDS / 3, asked);
        while (lastDropped > lastGenerated / 100 && asked > perfRate / 20) {
            asked *= 0.8;
            simulatorRate = simulator(RECORDS / 3, asked);
        }
        simulatorRate = simulator(RECORDS, asked);
        System.out.printf("%nProduceRateBenchmark (%d records of %d bytes, acks=all, idempotent, lz4, same broker):%n"
                + "  Kafka ProducerPerformance:        %,.0f records/s%n"
                + "  SmallRye emitter alone:           %,.0f records/s%n"
                + "  simulator burst-protection path:  %,.0f records/s (asked for %,.0f/s; generated %d, dropped %d)%n"
                + "  ratio: %.0f%% of ProducerPerformance (goal >= 80%%), %.0f%% of the emitter alone%n%n",
                RECORDS, FixedSizeSource.RECORD_SIZE, perfRate, emitterRate, simulatorRate, asked, lastGenerated,
                lastDropped, 100 * simulatorRate / perfRate, 100 * simulatorRate / emitterRate);
    }
}
